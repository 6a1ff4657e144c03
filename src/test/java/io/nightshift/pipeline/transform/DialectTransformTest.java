package io.nightshift.pipeline.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.dot.DotSource;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.graph.SourceLocation;
import io.nightshift.pipeline.validate.Diagnostic;
import org.junit.jupiter.api.Test;

/** Other implementations' names for spec attributes are read as the spec's (agent-spec/conformance.md, dialects). */
class DialectTransformTest {

    private static PreparedPipeline prepare(String body) {
        return new PipelinePreparer().prepare(DotSource.of("digraph G {\n" + body + "\n}\n", "d.dot"));
    }

    @Test
    void readsNodeTypeAndLlmPromptAsTypeAndPromptKeepingWhereTheyWereWritten() {
        Graph g = prepare("""
                s [node_type=start]
                w [llm_prompt="Write $goal"]
                e [node_type=exit]
                s -> w -> e
                goal="it"
                """).graph();
        Node w = g.node("w").orElseThrow();

        assertThat(w.prompt()).isEqualTo("Write it");
        assertThat(w.attrs().has("llm_prompt")).isFalse();
        assertThat(w.attrs().attribute("prompt").orElseThrow().location()).isEqualTo(new SourceLocation("d.dot", 3, 4));
        assertThat(g.startNode().map(Node::id)).contains("s");
        assertThat(g.exitNodes()).extracting(Node::id).containsExactly("e");
    }

    @Test
    void readsStrongDmsGraphDefaultsAsTheSpecsNames() {
        Graph g = prepare("context_fidelity_default=truncate\ncontext_thread_default=loop\ns [shape=Mdiamond]").graph();

        assertThat(g.attrs().get("default_fidelity")).contains("truncate");
        assertThat(g.attrs().get("default_thread_id")).contains("loop");
    }

    @Test
    void keepsTheSpecsNameWhenBothAreSetAndSaysTheAliasIsIgnored() {
        PreparedPipeline p = prepare("""
                s [shape=Mdiamond]
                w [prompt="Mine", llm_prompt="Theirs"]
                e [shape=Msquare]
                s -> w -> e
                """);

        assertThat(p.graph().node("w").orElseThrow().prompt()).isEqualTo("Mine");
        assertThat(p.diagnostics()).filteredOn(d -> d.rule().equals("attribute_supported"))
                .extracting(Diagnostic::message).containsExactly(
                        "attribute of node 'w': 'llm_prompt' is ignored: it names 'prompt', which is set too");
    }
}
