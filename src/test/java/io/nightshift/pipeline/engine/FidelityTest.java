package io.nightshift.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.graph.Graph;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attractor-spec 5.4: fidelity and thread resolution, passed to the backend and recorded in status.json. */
class FidelityTest {

    @TempDir
    Path tmp;

    @Test
    void edgeBeatsNodeBeatsGraphDefaultBeatsCompact() {
        String dot = """
                digraph f {
                    graph [default_fidelity="summary:low"]
                    start [shape=Mdiamond]
                    a [prompt="A"]
                    b [prompt="B", fidelity=truncate]
                    c [prompt="C", fidelity=truncate]
                    done [shape=Msquare]
                    start -> a -> b
                    b -> c [fidelity=full, thread_id=shared]
                    c -> done
                }
                """;
        ScriptedBackend backend = new ScriptedBackend();
        new PipelineEngine(RunConfig.builder(tmp.resolve("run")).backend(backend).build())
                .run(TestPipelines.prepare(dot));

        assertThat(backend.calls()).extracting(ScriptedBackend.Call::fidelity)
                .containsExactly("summary:low", "truncate", "full");
        assertThat(backend.calls()).extracting(ScriptedBackend.Call::threadId).containsExactly("start", "a", "shared");
    }

    @Test
    void threadComesFromNodeThenEdgeThenGraphThenSubgraphThenPreviousNode() {
        String dot = """
                digraph t {
                    start [shape=Mdiamond]
                    mine [prompt="Own thread", thread_id=own]
                    subgraph cluster_review {
                        label="Review Loop"
                        inner [prompt="Inner"]
                    }
                    after [prompt="After"]
                    done [shape=Msquare]
                    start -> mine -> inner -> after -> done
                }
                """;
        Graph graph = TestPipelines.prepare(dot);
        String subgraphClass = graph.node("inner").orElseThrow().subgraphClasses().getLast();
        ScriptedBackend backend = new ScriptedBackend();
        new PipelineEngine(RunConfig.builder(tmp.resolve("run")).backend(backend).build()).run(graph);
        assertThat(backend.calls()).extracting(ScriptedBackend.Call::threadId)
                .containsExactly("own", subgraphClass, "inner");

        ScriptedBackend withDefault = new ScriptedBackend();
        new PipelineEngine(RunConfig.builder(tmp.resolve("run2")).backend(withDefault).build())
                .run(TestPipelines.prepare(dot.replace("start [shape=Mdiamond]",
                        "graph [default_thread_id=main]\n start [shape=Mdiamond]")));
        assertThat(withDefault.calls()).extracting(ScriptedBackend.Call::threadId).containsExactly("own", "main", "main");
    }
}
