package io.nightshift.pipeline.dot;

import static io.nightshift.pipeline.dot.DotFixtures.parseFixture;
import static io.nightshift.pipeline.dot.DotFixtures.parseText;
import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.graph.Attribute;
import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.graph.SourceLocation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** attractor-spec 11.1 and the parsing rows of the 11.12 parity matrix. */
class DotParserTest {

    @Test
    void parsesASimpleLinearPipeline() {
        Graph g = parseFixture("linear.dot");

        assertThat(g.id()).isEqualTo("Simple");
        assertThat(g.nodes().keySet()).containsExactly("start", "exit", "run_tests", "report");
        assertThat(g.edges()).extracting(Edge::toString)
                .containsExactly("start -> run_tests", "run_tests -> report", "report -> exit");
        assertThat(g.node("run_tests").orElseThrow().prompt()).isEqualTo("Run the test suite and report results");
        assertThat(g.startNode().map(Node::id)).contains("start");
        assertThat(g.exitNodes()).extracting(Node::id).containsExactly("exit");
    }

    @Test
    void extractsGraphLevelAttributesFromBlocksAndDeclarations() {
        Graph g = parseFixture("branch.dot");

        assertThat(g.goal()).isEqualTo("Implement and validate a feature");
        assertThat(g.label()).isEqualTo("Branching");
        assertThat(g.attrs().get("rankdir")).contains("LR");
        assertThat(parseFixture("subgraphs.dot").goal()).isEqualTo("Ship it");
    }

    @Test
    void extractsTheModelStylesheetAsOneMultiLineString() {
        Graph g = parseText("""
                digraph P {
                    graph [
                        goal="Implement feature X",
                        model_stylesheet="
                            * { llm_model: claude-sonnet-4-5; }
                            .code { llm_model: claude-opus-4-6; }
                        "
                    ]
                    start [shape=Mdiamond]
                }
                """);

        assertThat(g.attrs().string("model_stylesheet", "")).contains("* { llm_model: claude-sonnet-4-5; }")
                .contains(".code { llm_model: claude-opus-4-6; }");
    }

    @Test
    void parsesMultiLineNodeAttributesIncludingQualifiedKeysAndATrailingComma() {
        Graph g = parseFixture("multiline.dot");
        Node gate = g.node("review_gate").orElseThrow();

        assertThat(gate.shape()).isEqualTo("hexagon");
        assertThat(gate.label()).isEqualTo("Review Changes");
        assertThat(gate.type()).isEqualTo("wait.human");
        assertThat(gate.attrs().get("human.default_choice")).contains("ship_it");
        assertThat(gate.attrs().attribute("type").orElseThrow().location())
                .isEqualTo(new SourceLocation(DotFixtures.path("multiline.dot").toString(), 10, 9));
    }

    @Test
    void parsesEdgeLabelConditionAndWeight() {
        Graph g = parseFixture("branch.dot");
        Edge back = g.outgoing("gate").get(1);

        assertThat(back.to()).isEqualTo("implement");
        assertThat(back.label()).isEqualTo("No");
        assertThat(back.condition()).isEqualTo("outcome!=success");
        assertThat(back.weight()).isEqualTo(2);
        assertThat(g.outgoing("gate").get(0).weight()).isZero();
    }

    @Test
    void expandsChainedEdgesIntoOneEdgePerPairCarryingTheSameAttributes() {
        Graph g = parseText("digraph G { a -> b -> c [label=\"next\", weight=3] }");

        assertThat(g.edges()).hasSize(2);
        assertThat(g.edges()).allSatisfy(e -> {
            assertThat(e.label()).isEqualTo("next");
            assertThat(e.weight()).isEqualTo(3);
        });
        assertThat(g.edges()).extracting(Edge::toString).containsExactly("a -> b", "b -> c");
        assertThat(g.edges().get(1).location().column()).isEqualTo(18);
    }

    @Test
    void appliesNodeAndEdgeDefaultsOnlyToLaterDeclarations() {
        Graph g = parseText("""
                digraph G {
                    early
                    node [shape=parallelogram, timeout="60s"]
                    edge [weight=5]
                    late
                    tuned [timeout=120s]
                    early -> late
                    late -> implicit
                }
                """);

        assertThat(g.node("early").orElseThrow().shape()).isEqualTo("box");
        assertThat(g.node("late").orElseThrow().shape()).isEqualTo("parallelogram");
        assertThat(g.node("tuned").orElseThrow().timeout()).contains(Duration.ofSeconds(120));
        assertThat(g.node("implicit").orElseThrow().timeout()).contains(Duration.ofSeconds(60));
        assertThat(g.edges()).allSatisfy(e -> assertThat(e.weight()).isEqualTo(5));
    }

    @Test
    void flattensSubgraphsWithScopedDefaultsAndDerivedClasses() {
        Graph g = parseFixture("subgraphs.dot");

        assertThat(g.nodes().keySet()).containsExactly("start", "exit", "Plan", "Implement", "Review", "Deploy");
        Node plan = g.node("Plan").orElseThrow();
        assertThat(plan.threadId()).isEqualTo("loop-a");
        assertThat(plan.timeout()).contains(Duration.ofSeconds(900));
        assertThat(plan.subgraphClasses()).containsExactly("loop-a");
        assertThat(g.node("Implement").orElseThrow().timeout()).contains(Duration.ofSeconds(1800));
        assertThat(g.node("Review").orElseThrow().subgraphClasses()).containsExactly("loop-a", "inner-review-2");
        Node deploy = g.node("Deploy").orElseThrow();
        assertThat(deploy.threadId()).isEmpty();
        assertThat(deploy.timeout()).contains(Duration.ofSeconds(60));
        assertThat(deploy.subgraphClasses()).isEmpty();
        assertThat(g.label()).isEmpty();
    }

    @Test
    void derivesASubgraphClassEvenWhenTheLabelComesAfterTheNodes() {
        Graph g = parseText("digraph G { subgraph s { a; b -> c; label=\"Fast Lane\" } }");

        assertThat(g.nodes().values()).allSatisfy(n -> assertThat(n.subgraphClasses()).containsExactly("fast-lane"));
    }

    @Test
    void acceptsQuotedAndUnquotedValuesAlike() {
        Graph g = parseText("""
                digraph G {
                    a [max_retries=3, goal_gate=true, timeout=900s, weight=-1, ratio=0.5, llm_model=claude-opus-4-6]
                    b [max_retries="3", goal_gate="true", timeout="900s", llm_model="claude-opus-4-6"]
                }
                """);
        Node a = g.node("a").orElseThrow();
        Node b = g.node("b").orElseThrow();

        assertThat(a.maxRetries()).isEqualTo(b.maxRetries()).hasValue(3);
        assertThat(a.goalGate()).isTrue();
        assertThat(b.goalGate()).isTrue();
        assertThat(a.timeout()).isEqualTo(b.timeout()).contains(Duration.ofSeconds(900));
        assertThat(a.attrs().get("llm_model")).isEqualTo(b.attrs().get("llm_model")).contains("claude-opus-4-6");
        assertThat(a.attrs().get("ratio")).contains("0.5");
        assertThat(a.attrs().attribute("max_retries").map(Attribute::quoted)).contains(false);
        assertThat(b.attrs().attribute("max_retries").map(Attribute::quoted)).contains(true);
    }

    @Test
    void resolvesStringEscapesAndKeepsUnknownEscapesAsWritten() {
        Graph g = parseText("digraph G { a [prompt=\"say \\\"hi\\\"\\n\\tthen \\\\ and \\\\d \\d\"] }");

        assertThat(g.node("a").orElseThrow().prompt()).isEqualTo("say \"hi\"\n\tthen \\ and \\d \\d");
    }

    @Test
    void stripsCommentsButNeverInsideStrings() {
        Graph g = parseText("""
                // leading comment
                digraph G { /* block
                   comment */ a [prompt="see http://example.com /* not a comment */"] // trailing
                   b // another
                }
                """);

        assertThat(g.nodes().keySet()).containsExactly("a", "b");
        assertThat(g.node("a").orElseThrow().prompt()).isEqualTo("see http://example.com /* not a comment */");
    }

    @Test
    void acceptsOptionalSemicolonsBetweenStatements() {
        Graph g = parseText("digraph G { rankdir=LR; a [label=\"A\"]; a -> b; ; }");

        assertThat(g.nodes()).containsOnlyKeys("a", "b");
        assertThat(g.attrs().get("rankdir")).contains("LR");
    }

    @Test
    void mergesAttributesOfANodeDeclaredTwiceWithTheLaterValueWinning() {
        Graph g = parseText("""
                digraph G {
                    a -> b
                    a [label="First", prompt="p1"]
                    a [label="Second"]
                }
                """);
        Node a = g.node("a").orElseThrow();

        assertThat(a.label()).isEqualTo("Second");
        assertThat(a.prompt()).isEqualTo("p1");
        assertThat(a.location().line()).isEqualTo(3);
        assertThat(g.node("b").orElseThrow().location()).isEqualTo(new SourceLocation("test.dot", 2, 10));
    }

    @Test
    void acceptsAQuotedNodeIdThatIsAValidIdentifier() {
        Graph g = parseText("digraph G { \"start\" -> \"work\" }");

        assertThat(g.nodes()).containsOnlyKeys("start", "work");
    }

    @Test
    void recordsTheSourceLocationOfNodesEdgesAndAttributes() {
        Graph g = parseText("digraph G {\n  a [label=\"A\"]\n  a -> b [weight=1]\n}\n");

        assertThat(g.node("a").orElseThrow().location()).isEqualTo(new SourceLocation("test.dot", 2, 3));
        assertThat(g.node("a").orElseThrow().attrs().attribute("label").orElseThrow().location())
                .isEqualTo(new SourceLocation("test.dot", 2, 6));
        assertThat(g.edges().get(0).location()).isEqualTo(new SourceLocation("test.dot", 3, 3));
        assertThat(g.edges().get(0).attrs().attribute("weight").orElseThrow().location())
                .isEqualTo(new SourceLocation("test.dot", 3, 11));
    }

    @Test
    void keepsDeclarationOrderOfNodesAndEdges() {
        Graph g = parseText("digraph G { z; y -> x; w }");

        assertThat(List.copyOf(g.nodes().keySet())).containsExactly("z", "y", "x", "w");
    }
}
