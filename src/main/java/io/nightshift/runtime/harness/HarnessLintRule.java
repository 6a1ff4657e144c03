package io.nightshift.runtime.harness;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.graph.SourceLocation;
import io.nightshift.pipeline.validate.Diagnostic;
import io.nightshift.pipeline.validate.LintRule;
import io.nightshift.pipeline.validate.Severity;
import java.util.ArrayList;
import java.util.List;

/** {@code harness_attributes}: every node that judges has a suite, a threshold in [0, 1] and whole trials and rounds. */
public final class HarnessLintRule implements LintRule {

    @Override
    public String name() {
        return "harness_attributes";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        List<Diagnostic> out = new ArrayList<>();
        for (Node node : HarnessSettings.judgingNodes(graph)) {
            for (String problem : HarnessSettings.problems(node)) {
                out.add(new Diagnostic(name(), Severity.ERROR, "node '" + node.id() + "': " + problem, node.id(),
                        null, "e.g. " + node.id() + " [type=\"harness\", harness.suite=\"my-suite\", "
                        + "harness.threshold=0.9, harness.trials=3]", where(graph, node, problem)));
            }
        }
        return out;
    }

    private static SourceLocation where(Graph graph, Node node, String problem) {
        for (String key : List.of(HarnessSettings.THRESHOLD, HarnessSettings.TRIALS, HarnessSettings.MAX_ROUNDS,
                HarnessSettings.SUITE)) {
            if (problem.startsWith(key)) {
                var attribute = node.attrs().attribute(key);
                if (attribute.isPresent() && attribute.get().location().known()) {
                    return attribute.get().location();
                }
            }
        }
        return node.location().known() ? node.location() : new SourceLocation(graph.sourceFile(), 1, 1);
    }
}
