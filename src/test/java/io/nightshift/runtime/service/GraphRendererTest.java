package io.nightshift.runtime.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.runtime.PipelineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphRendererTest {

    @TempDir
    Path dir;

    @Test
    void missingGraphvizIsAClearRetryableRefusal() throws Exception {
        Files.writeString(dir.resolve(RunRegistry.PIPELINE),
                "digraph g { start [shape=Mdiamond] exit [shape=Msquare] start -> exit }");
        ManagedRun run = new ManagedRun("r", dir, RunSubmission.pipeline("", true, false, null, Map.of()),
                java.time.Instant.now(), RunState.SUCCEEDED, new EventHistory(dir.resolve("e"), 16, 0, true), e -> { });
        GraphRenderer renderer = new GraphRenderer(new PipelineLoader(), "nightshift-no-such-dot-binary");
        assertThatThrownBy(() -> renderer.svg(run)).isInstanceOf(RendererUnavailableException.class)
                .hasMessageContaining("not installed").satisfies(e ->
                        assertThat(((RendererUnavailableException) e).retryable()).isTrue());
    }

    @Test
    void stageStatesBecomeFillColoursAndClasses() {
        var graph = new PipelineLoader().load("digraph g { start [shape=Mdiamond] exit [shape=Msquare]"
                + " work [prompt=\"x\"] start -> work -> exit }", "g.dot").graph();
        String dot = GraphRenderer.coloured(graph, Map.of("start", "succeeded", "work", "failed"));
        assertThat(dot).contains("\"start\" [label=\"start\", shape=\"Mdiamond\", fillcolor=\"#b7e4c7\"")
                .contains("class=\"state_failed\"").contains("\"exit\" [label=\"exit\", shape=\"Msquare\", fillcolor=\"#ffffff\"");
    }
}
