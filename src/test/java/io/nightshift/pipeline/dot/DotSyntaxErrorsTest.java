package io.nightshift.pipeline.dot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nightshift.pipeline.PipelineException;
import org.junit.jupiter.api.Test;

/** Every rejected construct gets its own message, with the line and column of the offending token. */
class DotSyntaxErrorsTest {

    private static DotSyntaxException failure(String text) {
        DotSyntaxException e = catchThrowableOfType(DotSyntaxException.class,
                () -> DotParser.parse(DotSource.of(text, "bad.dot")));
        assertThat(e).as("expected a syntax error").isNotNull();
        return e;
    }

    private static void assertError(String text, int line, int column, String messagePart) {
        DotSyntaxException e = failure(text);
        assertThat(e.detail()).contains(messagePart);
        assertThat(e.line()).as("line of: " + e.getMessage()).isEqualTo(line);
        assertThat(e.column()).as("column of: " + e.getMessage()).isEqualTo(column);
        assertThat(e.file()).isEqualTo("bad.dot");
        assertThat(e.getMessage()).startsWith("bad.dot:" + line + ":" + column + ": ");
    }

    @Test
    void isAPipelineException() {
        assertThat(failure("graph G {}")).isInstanceOf(PipelineException.class);
        assertThat(failure("graph G {}").retryable()).isFalse();
    }

    @Test
    void rejectsUndirectedGraphs() {
        assertError("\n  graph G { a }", 2, 3, "undirected graphs are not supported: use 'digraph'");
    }

    @Test
    void rejectsStrictUndirectedGraphs() {
        assertError("strict graph G { a }", 1, 8, "undirected graphs are not supported: use 'digraph'");
    }

    @Test
    void rejectsMoreThanOneGraphInAFile() {
        assertError("digraph A { a }\ndigraph B { b }", 2, 1, "more than one graph in the file");
    }

    @Test
    void rejectsUndirectedEdges() {
        assertError("digraph G {\n a -- b\n}", 2, 4, "undirected edges ('--') are not supported: use '->'");
    }

    @Test
    void rejectsUndirectedEdgesAfterAChain() {
        assertError("digraph G { a -> b -- c }", 1, 20, "use '->'");
    }

    @Test
    void reportsAnUnbalancedHtmlLikeValueWhereItOpens() {
        assertError("digraph G {\n a [label=<<b>A</b>]\n}", 2, 11, "unterminated HTML-like value");
    }

    @Test
    void namesAnUnescapedQuoteInsideAStringAsTheLikelyCause() {
        DotSyntaxException e = failure("digraph G {\n t [tool_command=\"grep -c '\"gate\": 1' log\"]\n}");

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.detail()).contains("likely cause: the string opened at line 2, column 18 contains an"
                + " unescaped '\"' that ends it early (write \\\" for a quote inside a string)");
    }

    @Test
    void doesNotBlameQuotesWhenStringsAreSeparated() {
        DotSyntaxException e = failure("digraph G {\n a [label=\"x\" shape=box\n b -> c\n}");

        assertThat(e.detail()).doesNotContain("likely cause");
    }

    @Test
    void reportsAnUnterminatedStringWhereItOpens() {
        assertError("digraph G {\n a [label=\"oops]\n b\n}\n", 2, 11, "unterminated string");
    }

    @Test
    void pointsAtAnEarlierMultiLineStringWhenAQuoteIsMissing() {
        DotSyntaxException e = failure("digraph G {\n a [label=\"oops]\n b [label=\"x\"]\n}\n");

        assertThat(e.detail()).contains("unterminated string")
                .contains("the string at line 2, column 11 spans several lines: is its closing '\"' missing?");
    }

    @Test
    void reportsAnUnterminatedBlockCommentWhereItOpens() {
        assertError("digraph G {\n a /* never\n closed }", 2, 4, "unterminated comment");
    }

    @Test
    void rejectsADuplicateKeyInOneAttributeBlockNamingBothPlaces() {
        DotSyntaxException e = failure("digraph G {\n a [label=\"x\",\n    label=\"y\"]\n}");

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.detail()).contains("duplicate attribute 'label'").contains("first set at line 2, column 5");
    }

    @Test
    void rejectsAMissingEquals() {
        assertError("digraph G { a [label \"x\"] }", 1, 22, "expected '=' after attribute key 'label', found string \"x\"");
    }

    @Test
    void asksWhetherTheClosingBracketIsMissingWhenTheNextLineStartsAStatement() {
        assertError("digraph G {\n a [label=\"x\"\n b [label=\"y\"]\n}", 3, 4,
                "is the ']' closing the attribute block opened at line 2, column 4 missing?");
    }

    @Test
    void rejectsAMissingClosingBracket() {
        assertError("digraph G {\n a [label=\"x\"\n}", 3, 1, "missing ']' to close the attribute block opened at line 2, column 4");
    }

    @Test
    void rejectsAMissingClosingBrace() {
        assertError("digraph G {\n a -> b\n", 3, 1, "missing '}' to close the graph opened at line 1, column 11");
    }

    @Test
    void rejectsAMissingClosingBraceOfASubgraph() {
        assertError("digraph G {\n subgraph s {\n a\n", 4, 1, "missing '}' to close the subgraph opened at line 2, column 2");
    }

    @Test
    void rejectsGarbageAfterTheClosingBrace() {
        assertError("digraph G { a }\n x", 2, 2, "unexpected 'x' after the closing '}' of the graph");
    }

    @Test
    void rejectsAnEmptyFile() {
        assertError("  // only a comment\n", 2, 1, "the pipeline source is empty");
        assertError("", 1, 1, "the pipeline source is empty");
    }

    @Test
    void rejectsANodeIdThatIsNotAnIdentifierAndSuggestsABareIdAndLabel() {
        DotSyntaxException e = failure("digraph G {\n \"Run Tests\" [shape=box]\n}");

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(2);
        assertThat(e.detail()).contains("\"Run Tests\" is not a valid node id")
                .contains("use a bare id (like run_tests) and put the text in label");
    }

    @Test
    void rejectsHyphenatedNodeIdsAndNumbersThatAreNotNumerals() {
        assertError("digraph G { run-tests -> b }", 1, 13, "'run-tests' is not a valid node id");
        assertError("digraph G { \"1.2.3\" -> b }", 1, 13, "\"1.2.3\" is not a valid node id");
    }

    @Test
    void rejectsAValueThatIsNeitherANumberNorADuration() {
        assertError("digraph G { a [timeout=15x] }", 1, 24, "'15x' is not a valid value for 'timeout'");
    }

    @Test
    void rejectsAMissingValue() {
        assertError("digraph G { a [label=] }", 1, 22, "missing value after 'label='");
    }

    @Test
    void rejectsAnInvalidAttributeKey() {
        assertError("digraph G { a [max-retries=1] }", 1, 16, "'max-retries' is not a valid attribute key");
    }

    @Test
    void rejectsAKeywordUsedAsANodeId() {
        assertError("digraph G { node -> b }", 1, 13, "'node' is a keyword");
    }

    @Test
    void rejectsAnEdgeToNothing() {
        assertError("digraph G { a -> [label=x] }", 1, 18, "expected a node id or a subgraph after '->'");
    }

    @Test
    void rejectsAStrayCharacter() {
        assertError("digraph G {\n a @ b\n}", 2, 4, "expected a statement");
    }

    @Test
    void rejectsAMissingDigraphKeyword() {
        assertError("pipeline G { a }", 1, 1, "expected 'digraph' at the start of the pipeline, found 'pipeline'");
    }

    @Test
    void rejectsAbsurdlyDeepSubgraphNestingWithoutOverflowingTheStack() {
        String text = "digraph G {\n" + "subgraph {\n".repeat(10_000) + "a\n" + "}\n".repeat(10_000) + "}";

        assertError(text, 66, 1, "subgraphs are nested more than 64 levels deep");
    }
}
