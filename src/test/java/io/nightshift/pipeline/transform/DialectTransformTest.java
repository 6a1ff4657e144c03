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
    void readsModelAndProviderAsLlmModelAndLlmProviderAndTheGraphsModelUnlessItIsAGraphvizLayoutModel() {
        Graph g = prepare("model=\"sonnet\"\ns [shape=Mdiamond]\nw [model=\"opus\", provider=anthropic]").graph();
        Node w = g.node("w").orElseThrow();

        assertThat(w.attrs().get("llm_model")).contains("opus");
        assertThat(w.attrs().get("llm_provider")).contains("anthropic");
        assertThat(w.attrs().has("model")).isFalse();
        assertThat(g.attrs().get("llm_model")).contains("sonnet");
        // Graphviz's neato reads graph [model=subset] as its layout model: not an LLM
        Graph layout = prepare("model=subset\ns [shape=Mdiamond]").graph();
        assertThat(layout.attrs().has("llm_model")).isFalse();
        assertThat(layout.attrs().get("model")).contains("subset");
    }

    @Test
    void readsAGoalGateWrittenAsOutcomeEqualsSuccessAsTrueButNotASentence() {
        Graph g = prepare("s [shape=Mdiamond]\na [goal_gate=\"outcome = success\"]\nb [goal_gate=\"outcome==success\"]"
                + "\nc [goal_gate=\"All specs are valid\"]").graph();

        assertThat(g.node("a").orElseThrow().goalGate()).isTrue();
        assertThat(g.node("b").orElseThrow().attrs().get("goal_gate")).contains("true");
        assertThat(g.node("c").orElseThrow().attrs().get("goal_gate")).contains("All specs are valid");
    }

    @Test
    void readsForgesAllSuccessJoinPolicyAsWaitAll() {
        Graph g = prepare("s [shape=Mdiamond]\np [shape=component, join_policy=\"all_success\"]").graph();

        assertThat(g.node("p").orElseThrow().attrs().get("join_policy")).contains("wait_all");
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
