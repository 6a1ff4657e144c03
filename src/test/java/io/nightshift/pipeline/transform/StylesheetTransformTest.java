package io.nightshift.pipeline.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.dot.DotSource;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import org.junit.jupiter.api.Test;

/** DoD 11.10 and DoD 11.1 "class attribute merges in attributes from the stylesheet". */
class StylesheetTransformTest {

    private static Graph prepare(String text) {
        return new PipelinePreparer().prepare(DotSource.of(text, "s.dot")).graph();
    }

    private static String attr(Graph g, String node, String key) {
        return g.node(node).map(Node::attrs).orElseThrow().string(key, "<unset>");
    }

    @Test
    void appliesTheSpecExampleByClassAndId() {
        Graph g = prepare("""
                digraph Pipeline {
                    graph [
                        goal="Implement feature X",
                        model_stylesheet="
                            * { llm_model: claude-sonnet-4-5; llm_provider: anthropic; }
                            .code { llm_model: claude-opus-4-6; llm_provider: anthropic; }
                            #critical_review { llm_model: gpt-5.2; llm_provider: openai; reasoning_effort: high; }
                        "
                    ]
                    start [shape=Mdiamond]
                    exit  [shape=Msquare]
                    plan            [label="Plan", class="planning"]
                    implement       [label="Implement", class="code"]
                    critical_review [label="Critical Review", class="code"]
                    start -> plan -> implement -> critical_review -> exit
                }
                """);

        assertThat(attr(g, "plan", "llm_model")).isEqualTo("claude-sonnet-4-5");
        assertThat(attr(g, "implement", "llm_model")).isEqualTo("claude-opus-4-6");
        assertThat(attr(g, "critical_review", "llm_model")).isEqualTo("gpt-5.2");
        assertThat(attr(g, "critical_review", "llm_provider")).isEqualTo("openai");
        assertThat(attr(g, "critical_review", "reasoning_effort")).isEqualTo("high");
        assertThat(attr(g, "implement", "reasoning_effort")).isEqualTo("<unset>");
    }

    @Test
    void appliesAModelOverrideToNodesByShape() {
        Graph g = prepare("""
                digraph G {
                    model_stylesheet = "box { llm_model: \\"claude-opus-4-6\\" } hexagon { llm_model: none-needed }"
                    start [shape=Mdiamond]
                    exit [shape=Msquare]
                    a [prompt="a"]
                    b [shape=box, prompt="b"]
                    ask [shape=hexagon]
                    start -> a -> b -> ask -> exit
                }
                """);

        assertThat(attr(g, "a", "llm_model")).isEqualTo("claude-opus-4-6");
        assertThat(attr(g, "b", "llm_model")).isEqualTo("claude-opus-4-6");
        assertThat(attr(g, "ask", "llm_model")).isEqualTo("none-needed");
        assertThat(attr(g, "start", "llm_model")).isEqualTo("<unset>");
    }

    @Test
    void matchesClassesDerivedFromSubgraphLabels() {
        Graph g = prepare("""
                digraph G {
                    model_stylesheet = ".loop-a { llm_model: fast-model }"
                    subgraph cluster_a { label = "Loop A"; inner [prompt="x"] }
                    outer [prompt="y"]
                }
                """);

        assertThat(attr(g, "inner", "llm_model")).isEqualTo("fast-model");
        assertThat(attr(g, "outer", "llm_model")).isEqualTo("<unset>");
    }

    @Test
    void keepsExplicitNodeAttributesOverStylesheetValues() {
        Graph g = prepare("""
                digraph G {
                    model_stylesheet = "#a { llm_model: from-id; reasoning_effort: low } * { llm_provider: p }"
                    a [llm_model="explicit", prompt="x"]
                }
                """);

        assertThat(attr(g, "a", "llm_model")).isEqualTo("explicit");
        assertThat(attr(g, "a", "reasoning_effort")).isEqualTo("low");
        assertThat(attr(g, "a", "llm_provider")).isEqualTo("p");
        assertThat(g.node("a").orElseThrow().attrs().attribute("reasoning_effort").orElseThrow().location().line())
                .isEqualTo(2);
    }

    @Test
    void ordersSpecificityUniversalBelowShapeBelowClassBelowId() {
        Graph g = prepare("""
                digraph G {
                    model_stylesheet = "#n { llm_model: id } .c { llm_model: cls } box { llm_model: shp } * { llm_model: all }"
                    n [class="c"]
                    m [class="c"]
                    k
                    d [shape=diamond]
                }
                """);

        assertThat(attr(g, "n", "llm_model")).isEqualTo("id");
        assertThat(attr(g, "m", "llm_model")).isEqualTo("cls");
        assertThat(attr(g, "k", "llm_model")).isEqualTo("shp");
        assertThat(attr(g, "d", "llm_model")).isEqualTo("all");
    }

    @Test
    void returnsTheSameGraphWhenThereIsNoStylesheet() {
        Graph parsed = io.nightshift.pipeline.dot.DotParser.parse(DotSource.of("digraph G { a }", "s.dot"));

        assertThat(new StylesheetTransform().apply(parsed)).isSameAs(parsed);
    }

    @Test
    void anAttributeOnTheNodeBeatsTheStylesheetWhichBeatsNodeDefaultsWhichBeatTheGraphsModel() {
        Graph g = prepare("""
                digraph G {
                    graph [llm_model="graph-model", llm_provider="openai", reasoning_effort="low",
                           model_stylesheet=".code { llm_model: class-model; } #special { llm_model: id-model; }"]
                    node [llm_model="default-model"]
                    start [shape=Mdiamond]
                    exit  [shape=Msquare]
                    defaulted [prompt="a"]
                    classed   [prompt="b", class="code"]
                    special   [prompt="c", class="code"]
                    written   [prompt="d", class="code", llm_model="written-model", llm_provider="anthropic"]
                    start -> defaulted -> classed -> special -> written -> exit
                }
                """);

        assertThat(attr(g, "written", "llm_model")).isEqualTo("written-model");
        assertThat(attr(g, "written", "llm_provider")).isEqualTo("anthropic");
        assertThat(attr(g, "special", "llm_model")).isEqualTo("id-model");
        assertThat(attr(g, "classed", "llm_model")).isEqualTo("class-model");
        assertThat(attr(g, "defaulted", "llm_model")).isEqualTo("default-model");
        assertThat(attr(g, "defaulted", "llm_provider")).isEqualTo("openai");
        assertThat(attr(g, "classed", "reasoning_effort")).isEqualTo("low");
    }

    @Test
    void theGraphsModelAndProviderApplyWithoutAStylesheet() {
        Graph g = prepare("""
                digraph G {
                    graph [llm_model="graph-model", llm_provider="gemini"]
                    start [shape=Mdiamond]
                    exit  [shape=Msquare]
                    a [prompt="a"]
                    b [prompt="b", llm_model="own-model"]
                    start -> a -> b -> exit
                }
                """);

        assertThat(attr(g, "a", "llm_model")).isEqualTo("graph-model");
        assertThat(attr(g, "a", "llm_provider")).isEqualTo("gemini");
        assertThat(attr(g, "b", "llm_model")).isEqualTo("own-model");
        assertThat(attr(g, "b", "llm_provider")).isEqualTo("gemini");
    }
}
