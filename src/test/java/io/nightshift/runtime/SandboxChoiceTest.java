package io.nightshift.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.pipeline.dot.DotParser;
import io.nightshift.pipeline.dot.DotSource;
import io.nightshift.pipeline.graph.Graph;
import org.junit.jupiter.api.Test;

/** Whether a run's stages could use the sandbox decides whether the run asks Docker anything up front (issue 21). */
class SandboxChoiceTest {

    private static Graph graph(String body) throws Exception {
        return DotParser.parse(DotSource.of("digraph g { start [shape=Mdiamond] exit [shape=Msquare] " + body
                + " }", "g.dot"));
    }

    @Test
    void aSimulatedRunOfLlmStagesGatesAndFanOutNeedsNoSandbox() throws Exception {
        Graph g = graph("a [shape=box, prompt=\"x\"] gate [shape=hexagon] c [shape=diamond]"
                + " fan [shape=component] join [shape=tripleoctagon]"
                + " start -> a -> gate -> c -> fan -> join -> exit");
        assertThat(SandboxChoice.mayUse(g, true)).isFalse();
        // and the default (docker) setting is decided without connecting to the engine
        assertThat(SandboxChoice.decide(null, g, true)).isEqualTo(SandboxChoice.DOCKER);
    }

    @Test
    void anLlmStageWithAModelUsesTheSandboxForTheAgentsTools() throws Exception {
        assertThat(SandboxChoice.mayUse(graph("a [shape=box, prompt=\"x\"] start -> a -> exit"), false)).isTrue();
    }

    @Test
    void toolsManagerLoopsUnknownTypesAndJudgingStagesMayUseTheSandboxEvenWhenSimulated() throws Exception {
        assertThat(SandboxChoice.mayUse(graph("t [shape=parallelogram, tool_command=\"true\"] start -> t -> exit"),
                true)).isTrue();
        assertThat(SandboxChoice.mayUse(graph("m [shape=house] start -> m -> exit"), true)).isTrue();
        assertThat(SandboxChoice.mayUse(graph("x [type=\"my.custom\"] start -> x -> exit"), true)).isTrue();
        assertThat(SandboxChoice.mayUse(graph("a [shape=box, prompt=\"x\", harness.suite=\"greet\"]"
                + " start -> a -> exit"), true)).isTrue();
    }

    @Test
    void anUnknownSandboxSettingIsStillRefusedWhenNoStageNeedsIt() throws Exception {
        Graph g = graph("a [shape=box, prompt=\"x\"] start -> a -> exit");
        assertThatThrownBy(() -> SandboxChoice.decide("vm", g, true)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("--sandbox must be 'docker' or 'local'");
    }
}
