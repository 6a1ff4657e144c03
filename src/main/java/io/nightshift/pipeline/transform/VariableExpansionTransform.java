package io.nightshift.pipeline.transform;

import io.nightshift.pipeline.graph.Attribute;
import io.nightshift.pipeline.graph.Attributes;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.util.List;

/**
 * Replaces {@code $goal} in node prompts with the graph's goal (attractor-spec 9.2). Plain text replacement, not a
 * template engine: nothing else is expanded and no escaping applies.
 */
final class VariableExpansionTransform implements Transform {

    static final String GOAL_VARIABLE = "$goal";

    @Override
    public Graph apply(Graph graph) {
        String goal = graph.goal();
        boolean any = graph.nodes().values().stream().anyMatch(n -> n.prompt().contains(GOAL_VARIABLE));
        if (!any) {
            return graph;
        }
        return graph.mapNodes(node -> {
            Attribute prompt = node.attrs().attribute("prompt").orElse(null);
            if (prompt == null || !prompt.value().contains(GOAL_VARIABLE)) {
                return node;
            }
            Attribute expanded = new Attribute("prompt", prompt.value().replace(GOAL_VARIABLE, goal),
                    prompt.quoted(), prompt.location());
            return new Node(node.id(), node.attrs().overriddenBy(Attributes.of(List.of(expanded))),
                    node.subgraphClasses(), node.location(), node.declared());
        });
    }
}
