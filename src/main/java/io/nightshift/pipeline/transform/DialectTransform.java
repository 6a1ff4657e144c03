package io.nightshift.pipeline.transform;

import io.nightshift.pipeline.graph.Attribute;
import io.nightshift.pipeline.graph.Attributes;
import io.nightshift.pipeline.graph.DialectAliases;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Renames the attribute aliases of {@link DialectAliases} to the spec's names, keeping where they were written, so
 * every later step (stylesheet, lint, engine) sees one name. Runs first. When both names are set the alias stays
 * as written and lint's {@code attribute_supported} says it is ignored.
 */
final class DialectTransform implements Transform {

    @Override
    public Graph apply(Graph graph) {
        boolean any = false;
        for (Node n : graph.nodes().values()) {
            for (String alias : DialectAliases.node().keySet()) {
                if (n.attrs().has(alias)) {
                    any = true;
                    break;
                }
            }
        }
        return any ? graph.mapNodes(DialectTransform::canonical) : graph;
    }

    private static Node canonical(Node node) {
        List<Attribute> renamed = new ArrayList<>();
        boolean changed = false;
        for (Attribute a : node.attrs().all()) {
            String canonical = DialectAliases.canonical(a.key());
            if (canonical != null && !node.attrs().has(canonical)) {
                renamed.add(new Attribute(canonical, a.value(), a.quoted(), a.location()));
                changed = true;
            } else {
                renamed.add(a);
            }
        }
        if (!changed) {
            return node;
        }
        return new Node(node.id(), Attributes.of(renamed), node.subgraphClasses(), node.location(), node.declared());
    }
}
