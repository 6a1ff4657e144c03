package io.nightshift.pipeline.dot;

import static io.nightshift.pipeline.dot.DotFixtures.parseText;
import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** DOT as Graphviz accepts it (agent-spec/conformance.md, grammar rows): the fixtures under pipelines/compat. */
class DotGraphvizGrammarTest {

    private static Graph compat(String name) {
        try {
            Path path = Path.of(DotGraphvizGrammarTest.class.getResource("/pipelines/compat/" + name).toURI());
            return DotParser.parse(DotSource.read(path));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsAttributesSeparatedByCommasSemicolonsOrNothingAndSeveralListsInARow() {
        Graph g = compat("graphviz-separators.dot");

        assertThat(g.goal()).isEqualTo("Greet the reader");
        assertThat(g.label()).isEqualTo("Separators");
        Node greet = g.node("greet").orElseThrow();
        assertThat(greet.label()).isEqualTo("Greet");
        assertThat(greet.prompt()).isEqualTo("Say hello to the reader");
        Node sign = g.node("sign").orElseThrow();
        assertThat(sign.prompt()).isEqualTo("Sign the greeting");
        assertThat(sign.attrs().get("timeout")).contains("60s");
        assertThat(g.edges()).extracting(Edge::toString)
                .containsExactly("start -> greet", "greet -> sign", "sign -> exit");
    }

    @Test
    void skipsLineBlockAndHashComments() {
        Graph g = compat("graphviz-comments.dot");

        assertThat(g.goal()).isEqualTo("Count to three");
        assertThat(g.node("count").orElseThrow().prompt())
                .isEqualTo("Count to three // not a comment inside a string");
        assertThat(g.edges()).extracting(Edge::toString).containsExactly("start -> count", "count -> exit");
    }

    @Test
    void strictMergesRepeatedEdgesIntoTheFirst() {
        Graph g = compat("graphviz-strict.dot");

        assertThat(g.edges()).extracting(Edge::toString).containsExactly("start -> work", "work -> exit");
        assertThat(g.outgoing("work").get(0).label()).isEqualTo("done");
        assertThat(g.outgoing("work").get(0).weight()).isEqualTo(2);
    }

    @Test
    void readsKeywordsInAnyCaseSubgraphOperandsAndScopedDefaults() {
        Graph g = compat("graphviz-subgraphs.dot");

        assertThat(g.goal()).isEqualTo("Review in parallel");
        assertThat(g.edges()).extracting(Edge::toString).containsExactly(
                "start -> fan", "fan -> style_review", "fan -> logic_review", "fan -> docs_review",
                "style_review -> join", "logic_review -> join", "docs_review -> join",
                "join -> summary", "summary -> exit");
        Node docs = g.node("docs_review").orElseThrow();
        assertThat(docs.attrs().get("timeout")).contains("600s");
        assertThat(docs.classes()).containsExactly("review", "reviews");
        assertThat(g.node("style_review").orElseThrow().attrs().get("timeout")).contains("300s");
        assertThat(g.node("summary").orElseThrow().attrs().has("timeout")).isFalse();
        assertThat(g.outgoing("fan")).allSatisfy(e -> assertThat(e.weight()).isZero());
    }

    @Test
    void edgeDefaultsOfASubgraphApplyOnlyInsideIt() {
        Graph g = parseText("""
                digraph G {
                    subgraph s { edge [weight=5]; a -> b }
                    b -> c
                }
                """);

        assertThat(g.outgoing("a").get(0).weight()).isEqualTo(5);
        assertThat(g.outgoing("b").get(0).weight()).isZero();
    }

    @Test
    void anEdgeFromASubgraphToASubgraphJoinsEveryPair() {
        Graph g = parseText("digraph G { {a b} -> {c d} }");

        assertThat(g.edges()).extracting(Edge::toString)
                .containsExactly("a -> c", "a -> d", "b -> c", "b -> d");
    }

    @Test
    void joinsConcatenatedStringsContinuedLinesAndKeepsHtmlLikeValuesAsText() {
        Graph g = compat("graphviz-strings.dot");

        assertThat(g.goal()).isEqualTo("Write a short poem");
        assertThat(g.node("start").orElseThrow().label()).isEqualTo("<b>Start</b> <i>here</i>");
        assertThat(g.node("write").orElseThrow().prompt()).isEqualTo(
                "Write a poem about $goal.\nKeep it to four lines, with a \"title\" line first.");
    }

    @Test
    void acceptsNumeralsAsNodeIdsBareOrQuoted() {
        Graph g = compat("graphviz-numerals.dot");

        assertThat(g.nodes().keySet()).containsExactly("0", "1", "2.5", "3");
        assertThat(g.edges()).extracting(Edge::toString).containsExactly("0 -> 1", "1 -> 2.5", "2.5 -> 3");
        assertThat(g.exitNodes()).extracting(Node::id).containsExactly("3");
    }

    @Test
    void marksNodesThatOnlyAppearInEdgesAsNotDeclared() {
        Graph g = parseText("digraph G { a [prompt=\"x\"]; a -> b; c; c -> {d} }");

        assertThat(g.node("a").orElseThrow().declared()).isTrue();
        assertThat(g.node("b").orElseThrow().declared()).isFalse();
        assertThat(g.node("c").orElseThrow().declared()).isTrue();
        assertThat(g.node("d").orElseThrow().declared()).isFalse();
    }

    @Test
    void readsTypeStartAndExitAsTheStartAndExitNodes() {
        Graph g = parseText("digraph G { first [type=start]; last [type=exit]; first -> last }");

        assertThat(g.startNode().map(Node::id)).contains("first");
        assertThat(g.exitNodes()).extracting(Node::id).containsExactly("last");
    }

    @Test
    void namesTheUnescapedQuoteOfAPublishedToolCommand() {
        DotSyntaxException e = org.assertj.core.api.Assertions.catchThrowableOfType(DotSyntaxException.class,
                () -> compat("graphviz-unescaped-quote.dot"));

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.detail()).contains("likely cause: the string opened at line 3, column 46 contains an"
                + " unescaped '\"'");
    }
}
