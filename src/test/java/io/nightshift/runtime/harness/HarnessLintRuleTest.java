package io.nightshift.runtime.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.validate.Diagnostic;
import io.nightshift.runtime.PipelineLoader;
import io.nightshift.runtime.ValidationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation of harness nodes and of stages judged in place, as {@code nightshift validate} reports it. */
class HarnessLintRuleTest {

    private static List<Diagnostic> errors(String nodes) {
        String dot = """
                digraph g {
                    start [shape=Mdiamond]
                    exit [shape=Msquare]
                %s
                    start -> judge -> exit
                }
                """.formatted(nodes);
        ValidationResult result = new PipelineLoader().validate(dot, "g.dot");
        return result.diagnostics().stream().filter(Diagnostic::isError).toList();
    }

    @Test
    void aCompleteHarnessNodeIsValid() {
        assertThat(errors("    judge [type=\"harness\", harness.suite=\"greet\", harness.threshold=0.9, harness.trials=3]"))
                .isEmpty();
    }

    @Test
    void aHarnessNodeWithoutSuiteIsAnErrorNamingTheNode() {
        assertThat(errors("    judge [type=\"harness\"]")).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("harness_attributes");
            assertThat(d.nodeId()).isEqualTo("judge");
            assertThat(d.message()).isEqualTo("node 'judge': a harness node needs harness.suite, the name of a "
                    + "scenario suite in the store");
            assertThat(d.toLine()).startsWith("g.dot:4:");
        });
    }

    @Test
    void thresholdOutsideZeroToOneIsAnErrorAtTheAttribute() {
        assertThat(errors("    judge [type=\"harness\", harness.suite=\"greet\",\n           harness.threshold=1.5]"))
                .singleElement().satisfies(d -> {
                    assertThat(d.message()).isEqualTo("node 'judge': harness.threshold 1.5 is outside [0, 1] (it is "
                            + "a fraction of trials, e.g. 0.9)");
                    assertThat(d.toLine()).startsWith("g.dot:5:");
                });
        assertThat(errors("    judge [type=\"harness\", harness.suite=\"greet\", harness.threshold=\"most\"]"))
                .extracting(Diagnostic::message).containsExactly("node 'judge': harness.threshold 'most' is not a "
                        + "number (a fraction between 0 and 1, e.g. 0.9)");
    }

    @Test
    void nonIntegerTrialsAndRoundsAreErrors() {
        assertThat(errors("    judge [type=\"harness\", harness.suite=\"greet\", harness.trials=2.5]"))
                .extracting(Diagnostic::message)
                .containsExactly("node 'judge': harness.trials '2.5' is not a positive integer");
        assertThat(errors("    judge [prompt=\"build it\", harness.suite=\"greet\", harness.max_rounds=0]"))
                .extracting(Diagnostic::message)
                .containsExactly("node 'judge': harness.max_rounds '0' is not a positive integer");
    }
}
