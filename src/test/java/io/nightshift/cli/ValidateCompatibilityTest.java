package io.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code nightshift validate} on pipelines written the way other Attractor implementations and Graphviz write them
 * (agent-spec/conformance.md): exit code, the diagnostics on stderr and the summary and kind on stdout.
 */
class ValidateCompatibilityTest {

    private record Result(int code, String out, String err) {
    }

    private static Path fixture(String name) {
        try {
            return Path.of(ValidateCompatibilityTest.class.getResource("/pipelines/compat/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Result validate(String name) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new NightshiftCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute("validate", fixture(name).toString());
        return new Result(code, out.toString(), err.toString());
    }

    private static Result valid(String name) {
        Result r = validate(name);
        assertThat(r.code()).as(name + "\n" + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains(": valid (");
        assertThat(r.err()).doesNotContain(" error ");
        return r;
    }

    @Test
    void acceptsAttributeListsWithoutCommas() {
        valid("graphviz-separators.dot");
    }

    @Test
    void acceptsHashLinesAndComments() {
        valid("graphviz-comments.dot");
    }

    @Test
    void acceptsStrictGraphs() {
        assertThat(valid("graphviz-strict.dot").out()).contains("3 nodes, 2 edges");
    }

    @Test
    void acceptsSubgraphOperandsScopedDefaultsAndKeywordsInAnyCase() {
        assertThat(valid("graphviz-subgraphs.dot").out()).contains("8 nodes, 9 edges");
    }

    @Test
    void acceptsConcatenatedAndContinuedStringsAndHtmlLikeLabels() {
        valid("graphviz-strings.dot");
    }

    @Test
    void acceptsNumeralsAsNodeIds() {
        valid("graphviz-numerals.dot");
    }

    @Test
    void refusesAnUnescapedQuoteNamingItAsTheLikelyCause() {
        Result r = validate("graphviz-unescaped-quote.dot");

        assertThat(r.code()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(r.err()).contains("graphviz-unescaped-quote.dot:3:").contains(": error syntax: ")
                .contains("likely cause: the string opened at line 3, column 46 contains an unescaped '\"'")
                .doesNotContain("\tat ");
    }

    @Test
    void readsStrongDmNodeTypeAndLlmPromptAndFallsBackForStackTypes() {
        Result r = valid("dialect-strongdm.dot");

        assertThat(r.err()).doesNotContain("prompt_on_llm_nodes")
                .contains("warning type_known: node 'Plan' has unknown type 'stack.steer': it runs with the handler"
                        + " of its shape 'box' (codergen)")
                .doesNotContain("context_fidelity_default")
                .contains("'is_codergen' is not supported").contains("'max_agent_turns' is not supported");
        assertThat(r.out()).contains("kind: PLANNING");
    }

    @Test
    void readsTypeStartAndTypeExitAsTheEnds() {
        valid("dialect-type-exit.dot");
    }

    @Test
    void readsModelAndProviderInTheStylesheetAsLlmModelAndLlmProvider() {
        valid("dialect-stylesheet-model.dot");
    }

    @Test
    void readsModelInTheGraphOnNodesAndInStylesheetsWithTheCatalogsShortNamesAndProviderPrefixes() {
        Result r = valid("dialect-model-aliases.dot");
        assertThat(r.err()).doesNotContain("'model'").doesNotContain("model_name");
    }

    @Test
    void readsContainsInConditionsAndAGoalGateWrittenAsOutcomeEqualsSuccess() {
        Result r = valid("dialect-contains-and-goal-gate-condition.dot");
        assertThat(r.err()).doesNotContain("condition_syntax").doesNotContain("goal_gate");
    }

    @Test
    void refusesAModelNameThatCouldMeanSeveralModelsNamingTheCandidates() {
        Result r = validate("dialect-model-ambiguous.dot");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err())
                .contains("dialect-model-ambiguous.dot:4:34: error model_name: node 'plan' llm_model 'claude' is no"
                        + " model id and no alias in the model catalog, so it could mean several models (claude-opus-4-6,")
                .contains("sonnet (claude-sonnet-4-5)")
                .contains("error model_name: node 'fix' llm_model 'z-ai/glm-5' names the provider 'z-ai', which"
                        + " Nightshift does not speak")
                .contains("error model_name: node 'review' has llm_model=\"sonnet\", which is anthropic's"
                        + " claude-sonnet-4-5, but llm_provider=\"openai\"");
    }

    @Test
    void runsAnUnknownShapeAsAnLlmStageWithAWarning() {
        assertThat(valid("shape-tab.dot").err()).contains("warning shape_known: node 'write' has shape 'tab'")
                .contains("it runs as an LLM stage (codergen)");
    }

    @Test
    void fallsBackToTheShapeForAnUnknownTypeWithAWarning() {
        assertThat(valid("type-freeform.dot").err())
                .contains("warning type_known: node 'ask' has unknown type 'wait.human.freeform': it runs with the"
                        + " handler of its shape 'hexagon' (wait.human)");
    }

    @Test
    void refusesAnEdgeToANodeThatIsNeverDeclared() {
        Result r = validate("lint-undeclared-target.dot");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains("lint-undeclared-target.dot:5:5: error edge_target_exists: edge start -> implment"
                + " refers to node 'implment', which is never declared").contains("did you mean 'implement'?");
    }

    @Test
    void countsNodesReachedThroughRetryTargetsAsReachable() {
        assertThat(valid("lint-retry-reachable.dot").err()).doesNotContain("reachability");
    }

    @Test
    void refusesANodeWithNoOutgoingEdgeNamingIt() {
        Result r = validate("lint-dead-end.dot");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains("error dead_end: node 'stuck' has no outgoing edge and is not the exit");
    }

    @Test
    void warnsAboutAttributesThatAreNotSupportedButNotAboutDrawingOnes() {
        Result r = valid("lint-unsupported-attribute.dot");

        assertThat(r.err()).contains("warning attribute_supported: attribute of node 'work': 'max_tokens' is not"
                + " supported and is ignored").contains("attribute of edge work -> exit: 'priority' is not supported")
                .doesNotContain("'color'");
    }

    @Test
    void printsTheKindOfPipeline() {
        assertThat(valid("kind-planning.dot").out()).contains("kind: PLANNING (LLM stages only: 1)");
        assertThat(valid("kind-execution.dot").out()).contains("kind: EXECUTION (tool stages only: 1)");
        assertThat(valid("kind-hybrid.dot").out()).contains("kind: HYBRID (1 LLM stage, 1 tool stage)");
    }
}
