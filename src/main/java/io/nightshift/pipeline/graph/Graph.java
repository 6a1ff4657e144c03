package io.nightshift.pipeline.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A parsed pipeline: graph attributes, nodes in declaration order, edges in declaration order. Immutable;
 * transforms return modified copies ({@link #withNodes}, {@link #mapNodes}).
 */
public final class Graph {

    private final String id;
    private final String sourceFile;
    private final Attributes attrs;
    private final Map<String, Node> nodes;
    private final List<Edge> edges;
    private final Map<String, List<Edge>> outgoing = new HashMap<>();
    private final Map<String, List<Edge>> incoming = new HashMap<>();

    public Graph(String id, String sourceFile, Attributes attrs, Collection<Node> nodes, List<Edge> edges) {
        this.id = id;
        this.sourceFile = sourceFile;
        this.attrs = attrs;
        Map<String, Node> byId = new LinkedHashMap<>();
        for (Node n : nodes) {
            byId.put(n.id(), n);
        }
        this.nodes = Collections.unmodifiableMap(byId);
        this.edges = List.copyOf(edges);
        for (Edge e : this.edges) {
            outgoing.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
            incoming.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
        }
    }

    public String id() {
        return id;
    }

    /** The file the graph was read from, as the user named it; empty for in-memory sources. */
    public String sourceFile() {
        return sourceFile;
    }

    public Attributes attrs() {
        return attrs;
    }

    public String goal() {
        return attrs.string("goal", "");
    }

    public String label() {
        return attrs.string("label", "");
    }

    public Map<String, Node> nodes() {
        return nodes;
    }

    public Optional<Node> node(String nodeId) {
        return Optional.ofNullable(nodes.get(nodeId));
    }

    public List<Edge> edges() {
        return edges;
    }

    /** Outgoing edges of a node, in declaration order. */
    public List<Edge> outgoing(String nodeId) {
        return outgoing.getOrDefault(nodeId, List.of());
    }

    public List<Edge> incoming(String nodeId) {
        return incoming.getOrDefault(nodeId, List.of());
    }

    /** The start node: shape Mdiamond first, else an explicit {@code type=start}, else id {@code start} or {@code Start}. */
    public Optional<Node> startNode() {
        return nodes.values().stream().filter(n -> n.shape().equals("Mdiamond")).findFirst()
                .or(() -> nodes.values().stream().filter(n -> n.type().equals(HandlerTypes.START)).findFirst())
                .or(() -> node("start")).or(() -> node("Start"));
    }

    public List<Node> exitNodes() {
        return nodes.values().stream().filter(Node::isExit).toList();
    }

    /** {@code default_max_retries}, or its legacy alias {@code default_max_retry}; 0 when neither is set. */
    public int defaultMaxRetries() {
        return attrs.integer("default_max_retries").orElse(attrs.integer("default_max_retry").orElse(0));
    }

    public Graph withAttrs(Attributes newAttrs) {
        return new Graph(id, sourceFile, newAttrs, nodes.values(), edges);
    }

    public Graph withNodes(Collection<Node> newNodes) {
        return new Graph(id, sourceFile, attrs, newNodes, edges);
    }

    public Graph withEdges(List<Edge> newEdges) {
        return new Graph(id, sourceFile, attrs, nodes.values(), newEdges);
    }

    public Graph mapNodes(UnaryOperator<Node> fn) {
        return withNodes(nodes.values().stream().map(fn).toList());
    }
}
