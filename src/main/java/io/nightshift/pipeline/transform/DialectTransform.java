package io.nightshift.pipeline.transform;

import io.nightshift.pipeline.graph.Attribute;
import io.nightshift.pipeline.graph.Attributes;
import io.nightshift.pipeline.graph.DialectAliases;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renames the attribute aliases of {@link DialectAliases} to the spec's names, keeping where they were written, so
 * every later step (stylesheet, lint, engine) sees one name. Runs first. When both names are set the alias stays
 * as written and lint's {@code attribute_supported} says it is ignored.
 */
final class DialectTransform implements Transform {

    @Override
    public Graph apply(Graph graph) {
        Attributes graphAttrs = renamed(graph.attrs(), DialectAliases.graph(), true);
        if (graphAttrs != graph.attrs()) {
            graph = graph.withAttrs(graphAttrs);
        }
        boolean any = false;
        for (Node n : graph.nodes().values()) {
            for (String alias : DialectAliases.node().keySet()) {
                if (n.attrs().has(alias) || n.attrs().all().stream().anyMatch(a -> valueAlias(a) != null)) {
                    any = true;
                    break;
                }
            }
        }
        return any ? graph.mapNodes(DialectTransform::canonical) : graph;
    }

    private static Node canonical(Node node) {
        Attributes attrs = renamed(node.attrs(), DialectAliases.node(), false);
        if (attrs.all().stream().anyMatch(a -> valueAlias(a) != null)) {
            List<Attribute> out = new ArrayList<>();
            for (Attribute a : attrs.all()) {
                String value = valueAlias(a);
                out.add(value == null ? a : new Attribute(a.key(), value, false, a.location(), a.inherited()));
            }
            attrs = Attributes.of(out);
        }
        if (attrs == node.attrs()) {
            return node;
        }
        return new Node(node.id(), attrs, node.subgraphClasses(), node.location(), node.declared());
    }

    /**
     * The spec's value for another implementation's way of writing it, or null: {@code goal_gate="outcome =
     * success"} is {@code true}; forge's {@code join_policy="all_success"} (its name for {@code wait_all}, which it
     * reads as the same policy) is {@code wait_all}.
     */
    private static String valueAlias(Attribute a) {
        if (a.key().equals("goal_gate") && DialectAliases.isSuccessCondition(a.value())) {
            return "true";
        }
        if (a.key().equals("join_policy") && a.value().strip().equals("all_success")) {
            return "wait_all";
        }
        return null;
    }

    /** The attributes with each alias renamed, or the same instance when nothing was renamed. */
    private static Attributes renamed(Attributes attrs, Map<String, String> aliases, boolean graph) {
        List<Attribute> out = new ArrayList<>();
        boolean changed = false;
        for (Attribute a : attrs.all()) {
            String canonical = aliases.get(a.key());
            if (canonical != null && !attrs.has(canonical)
                    && (!graph || DialectAliases.isGraphAlias(a.key(), a.value()))) {
                out.add(new Attribute(canonical, a.value(), a.quoted(), a.location(), a.inherited()));
                changed = true;
            } else {
                out.add(a);
            }
        }
        return changed ? Attributes.of(out) : attrs;
    }
}
