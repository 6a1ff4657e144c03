package io.nightshift.runtime;

import io.nightshift.pipeline.graph.Attribute;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.graph.SourceLocation;
import io.nightshift.pipeline.validate.Diagnostic;
import io.nightshift.pipeline.validate.LintRule;
import io.nightshift.pipeline.validate.Severity;
import io.nightshift.sandbox.docker.InvalidSandboxPolicyException;
import io.nightshift.sandbox.docker.SandboxPolicyParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code sandbox_settings}: the graph's {@code sandbox.*} attributes, and each node's over them, make a valid
 * sandbox policy ({@link SandboxPolicyParser}). An error names the node and the attribute, so a bad value is
 * reported by {@code nightshift validate} and before a run starts, never when the node is reached.
 */
final class SandboxSettingsRule implements LintRule {

    static final String FIX = "see sandbox-images/README.md for the sandbox.* settings and their values";

    @Override
    public String name() {
        return "sandbox_settings";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        List<Diagnostic> out = new ArrayList<>();
        Map<String, String> graphSettings = graph.attrs().asMap();
        try {
            SandboxPolicyParser.parse(graphSettings);
        } catch (InvalidSandboxPolicyException e) {
            SourceLocation where = graph.attrs().attribute(e.key()).map(Attribute::location)
                    .filter(SourceLocation::known).orElse(new SourceLocation(graph.sourceFile(), 1, 1));
            out.add(new Diagnostic(name(), Severity.ERROR, "the graph's attribute " + e.getMessage(), null, null, FIX,
                    where));
            return out;
        }
        for (Node node : graph.nodes().values()) {
            if (node.attrs().asMap().keySet().stream().noneMatch(k -> k.startsWith("sandbox."))) {
                continue;
            }
            try {
                SandboxPolicyParser.parse(SandboxChoice.settings(graph, node));
            } catch (InvalidSandboxPolicyException e) {
                SourceLocation where = node.attrs().attribute(e.key()).map(Attribute::location)
                        .filter(SourceLocation::known).orElse(node.location());
                out.add(new Diagnostic(name(), Severity.ERROR, "node '" + node.id() + "' attribute " + e.getMessage(),
                        node.id(), null, FIX, where));
            }
        }
        return out;
    }
}
