package io.nightshift.pipeline.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A pipeline stage (attractor-spec 2.6). {@code subgraphClasses} are the classes derived from the labels of
 * the enclosing subgraphs, innermost last; they take part in stylesheet matching and thread resolution.
 * {@code declared} is false for a node that only ever appeared as the end of an edge (Graphviz creates it; lint's
 * {@code edge_target_exists} refuses it, so a typo never becomes a new LLM stage).
 */
public record Node(String id, Attributes attrs, List<String> subgraphClasses, SourceLocation location,
        boolean declared) {

    public Node {
        subgraphClasses = List.copyOf(subgraphClasses);
    }

    /** A declared node. */
    public Node(String id, Attributes attrs, List<String> subgraphClasses, SourceLocation location) {
        this(id, attrs, subgraphClasses, location, true);
    }

    public static Node of(String id, Attributes attrs) {
        return new Node(id, attrs, List.of(), SourceLocation.UNKNOWN);
    }

    public Node withAttr(String key, String value) {
        return new Node(id, attrs.with(key, value), subgraphClasses, location, declared);
    }

    public String label() {
        String label = attrs.string("label", "");
        return label.isEmpty() ? id : label;
    }

    public String shape() {
        return attrs.string("shape", "box");
    }

    /** The explicit {@code type} attribute, empty when the shape decides. */
    public String type() {
        return attrs.string("type", "");
    }

    /** The handler type this node resolves to when every built-in handler is registered. */
    public String handlerType() {
        String type = type();
        return type.isEmpty() ? HandlerTypes.forShape(shape()) : type;
    }

    public String prompt() {
        return attrs.string("prompt", "");
    }

    public OptionalInt maxRetries() {
        return attrs.integer("max_retries");
    }

    public boolean goalGate() {
        return attrs.bool("goal_gate", false);
    }

    public String retryTarget() {
        return attrs.string("retry_target", "");
    }

    public String fallbackRetryTarget() {
        return attrs.string("fallback_retry_target", "");
    }

    public String fidelity() {
        return attrs.string("fidelity", "");
    }

    public String threadId() {
        return attrs.string("thread_id", "");
    }

    public Optional<Duration> timeout() {
        return attrs.duration("timeout");
    }

    public boolean autoStatus() {
        return attrs.bool("auto_status", false);
    }

    public boolean allowPartial() {
        return attrs.bool("allow_partial", false);
    }

    /** Classes from the {@code class} attribute (comma-separated) followed by the subgraph-derived ones. */
    public List<String> classes() {
        Set<String> all = new LinkedHashSet<>();
        for (String c : attrs.string("class", "").split(",")) {
            if (!c.isBlank()) {
                all.add(c.trim());
            }
        }
        all.addAll(subgraphClasses);
        return new ArrayList<>(all);
    }

    /** Shape Mdiamond, an explicit {@code type=start} (StrongDM's pipelines), or the id {@code start}/{@code Start}. */
    public boolean isStart() {
        return shape().equals("Mdiamond") || type().equals(HandlerTypes.START) || id.equals("start")
                || id.equals("Start");
    }

    /** Shape Msquare, an explicit {@code type=exit} (StrongDM's pipelines), or the id {@code exit}/{@code end}. */
    public boolean isExit() {
        return shape().equals("Msquare") || type().equals(HandlerTypes.EXIT) || id.equals("exit") || id.equals("end");
    }
}
