package io.nightshift.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.validate.Diagnostic;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad {@code sandbox.*} values, on the graph or on a node, are validation errors naming where they are. */
class SandboxSettingsRuleTest {

    @TempDir
    Path tmp;

    @Test
    void invalidNodeValuesAreErrorsNamingTheNodeAndTheAttribute() throws Exception {
        Path file = RunFixtures.dot(tmp, "bad.dot", """
                digraph bad {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    fine  [shape=parallelogram, tool_command="true", sandbox.memory="512m"]
                    huge  [shape=parallelogram, tool_command="true",
                           sandbox.memory="lots"]
                    open  [shape=parallelogram, tool_command="true", sandbox.network=host]
                    start -> fine -> huge -> open -> done
                }
                """);

        ValidationResult result = new PipelineLoader().validate(file);

        assertThat(result.diagnostics()).filteredOn(d -> d.rule().equals("sandbox_settings"))
                .allMatch(Diagnostic::isError)
                .extracting(Diagnostic::nodeId, Diagnostic::toLine)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("huge", file + ":6:12: error sandbox_settings: node 'huge' "
                                + "attribute sandbox.memory=lots: not a size; write digits with an optional unit k, m or "
                                + "g, e.g. 512m or 2g"),
                        org.assertj.core.groups.Tuple.tuple("open", file + ":7:54: error sandbox_settings: node 'open' "
                                + "attribute sandbox.network=host: expected none or bridge"));
    }

    @Test
    void nodeSettingsAreCheckedTogetherWithTheGraphsAndTheGraphsOnTheirOwn() throws Exception {
        Path gvisor = RunFixtures.dot(tmp, "gvisor.dot", """
                digraph g {
                    sandbox.network=bridge
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    t     [shape=parallelogram, tool_command="true", sandbox.runtime=runsc]
                    start -> t -> done
                }
                """);
        assertThat(new PipelineLoader().validate(gvisor).diagnostics()).filteredOn(Diagnostic::isError)
                .singleElement().satisfies(d -> {
                    assertThat(d.nodeId()).isEqualTo("t");
                    assertThat(d.message()).startsWith("node 't' attribute sandbox.runtime=runsc: ")
                            .contains("without a network");
                });

        Path graphLevel = RunFixtures.dot(tmp, "graph.dot", """
                digraph g {
                    sandbox.pids=few
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    start -> done
                }
                """);
        assertThat(new PipelineLoader().validate(graphLevel).diagnostics()).filteredOn(Diagnostic::isError)
                .singleElement().satisfies(d -> {
                    assertThat(d.nodeId()).isNull();
                    assertThat(d.message()).isEqualTo("the graph's attribute sandbox.pids=few: expected a whole number");
                });
    }
}
