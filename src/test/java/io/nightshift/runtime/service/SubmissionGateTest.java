package io.nightshift.runtime.service;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.nightshift.runtime.PipelineLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service runs for real by default: what it refuses at submission, and what it lets through. */
class SubmissionGateTest {

    private static final String LLM = """
            digraph llm {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                plan  [prompt="Plan"]
                build [prompt="Build"]
                start -> plan -> build -> exit
            }
            """;
    private static final String TOOLS_ONLY = """
            digraph tools {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                make  [shape=parallelogram, tool_command="make"]
                start -> make -> exit
            }
            """;
    private static final Map<String, String> NO_KEYS = Map.of("PATH", "/usr/bin");
    private static final Map<String, String> ANTHROPIC = Map.of("ANTHROPIC_API_KEY", "sk-ant-test");

    private static RunSubmission job(String dot, boolean simulate, String provider, String model) {
        return new RunSubmission("job", dot, "job.dot", simulate, true, "g", Map.of(), null, "/repo", null, null,
                model, false, provider);
    }

    @Test
    void simulationIsRefusedUnlessTheOperatorAllowsIt() {
        SubmissionGate strict = new SubmissionGate(false, ANTHROPIC, new PipelineLoader());
        assertThatThrownBy(() -> strict.check(job(LLM, true, null, null)))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("\"simulate\": true is refused")
                .hasMessageContaining("nightshift.server.allow-simulate=true");
        SubmissionGate lenient = new SubmissionGate(true, NO_KEYS, new PipelineLoader());
        assertThatNoException().isThrownBy(() -> lenient.check(job(LLM, true, null, null)));
    }

    @Test
    void aRunThatNeedsAModelIsRefusedWhenNoProviderIsConfiguredNamingTheKeys() {
        SubmissionGate gate = new SubmissionGate(false, NO_KEYS, new PipelineLoader());
        assertThatThrownBy(() -> gate.check(job(LLM, false, null, null)))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("2 LLM stages (plan, build)")
                .hasMessageContaining("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GEMINI_API_KEY")
                .hasMessageNotContaining("simulate");
        assertThatNoException().isThrownBy(() -> gate.check(job(TOOLS_ONLY, false, null, null)));
    }

    @Test
    void aProviderOrModelTheServiceCannotServeIsRefused() {
        SubmissionGate gate = new SubmissionGate(false, ANTHROPIC, new PipelineLoader());
        assertThatNoException().isThrownBy(() -> gate.check(job(LLM, false, null, "claude-sonnet-4-5")));
        assertThatThrownBy(() -> gate.check(job(LLM, false, null, "gpt-5.2")))
                .hasMessageContaining("provider openai is not configured: set OPENAI_API_KEY");
        assertThatThrownBy(() -> gate.check(job(LLM, false, "mistral", null)))
                .hasMessageContaining("unknown provider 'mistral'");
        assertThatThrownBy(() -> gate.check(job(LLM, false, null, "gpt-2")))
                .hasMessageContaining("unknown model 'gpt-2'");
    }

    @Test
    void invalidDotIsLeftToTheRegistryToReportWithDiagnostics() {
        SubmissionGate gate = new SubmissionGate(false, NO_KEYS, new PipelineLoader());
        assertThatNoException().isThrownBy(() -> gate.check(job("digraph broken { a -> }", false, null, null)));
    }
}
