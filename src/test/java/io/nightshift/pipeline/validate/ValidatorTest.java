package io.nightshift.pipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nightshift.pipeline.dot.DotParser;
import io.nightshift.pipeline.dot.DotSource;
import io.nightshift.pipeline.graph.Attributes;
import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.graph.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** attractor-spec 11.2 and the validation rows of the 11.12 parity matrix. */
class ValidatorTest {

    private final Validator validator = new Validator();

    static Graph parse(String body) {
        return DotParser.parse(DotSource.of("digraph G {\n" + body + "\n}\n", "v.dot"));
    }

    private List<Diagnostic> diagnostics(String body) {
        return validator.validate(parse(body));
    }

    private static List<Diagnostic> ofRule(List<Diagnostic> all, String rule) {
        return all.stream().filter(d -> d.rule().equals(rule)).toList();
    }

    private static final String OK = """
            start [shape=Mdiamond]
            exit [shape=Msquare]
            work [prompt="Do the work"]
            start -> work -> exit
            """;

    @Test
    void acceptsAWellFormedPipelineWithoutAnyDiagnostic() {
        assertThat(diagnostics(OK)).isEmpty();
    }

    @Test
    void requiresAStartNode() {
        List<Diagnostic> d = ofRule(diagnostics("exit [shape=Msquare]\nwork [prompt=\"x\"]\nwork -> exit"), "start_node");

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.message()).isEqualTo("the pipeline has no start node");
            assertThat(x.fix()).contains("shape=Mdiamond");
            assertThat(x.location()).isEqualTo(new SourceLocation("v.dot", 1, 1));
        });
    }

    @Test
    void requiresExactlyOneStartNode() {
        List<Diagnostic> d = ofRule(diagnostics(OK + "begin [shape=Mdiamond]\nbegin -> work"), "start_node");

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.nodeId()).isEqualTo("begin");
            assertThat(x.message()).contains("2 start nodes (start, begin)");
            assertThat(x.location().line()).isEqualTo(6);
        });
    }

    @Test
    void acceptsAStartNodeRecognisedByItsId() {
        assertThat(ofRule(diagnostics("Start -> w -> exit\nw [prompt=\"x\"]"), "start_node")).isEmpty();
    }

    @Test
    void requiresAnExitNode() {
        List<Diagnostic> d = ofRule(diagnostics("start [shape=Mdiamond]\nwork [prompt=\"x\"]\nstart -> work"),
                "terminal_node");

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.message()).isEqualTo("the pipeline has no exit node");
        });
    }

    @Test
    void requiresExactlyOneExitNode() {
        List<Diagnostic> d = ofRule(diagnostics(OK + "work -> end"), "terminal_node");

        assertThat(d).singleElement().satisfies(x -> assertThat(x.nodeId()).isEqualTo("end"));
    }

    @Test
    void reportsAnOrphanNodeAsAReachabilityError() {
        List<Diagnostic> d = ofRule(diagnostics(OK + "orphan [prompt=\"never runs\"]\norphan -> exit"), "reachability");

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.nodeId()).isEqualTo("orphan");
            assertThat(x.message()).isEqualTo("node 'orphan' cannot be reached from the start node 'start'");
            assertThat(x.location()).isEqualTo(new SourceLocation("v.dot", 6, 1));
        });
    }

    @Test
    void requiresEveryEdgeToReferenceExistingNodes() {
        Graph parsed = parse(OK);
        List<Edge> edges = new ArrayList<>(parsed.edges());
        edges.add(new Edge("work", "wrk", Attributes.EMPTY, new SourceLocation("v.dot", 9, 3)));
        List<Diagnostic> d = ofRule(validator.validate(parsed.withEdges(edges)), "edge_target_exists");

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.edge()).isEqualTo(new Diagnostic.EdgeRef("work", "wrk"));
            assertThat(x.message()).contains("'wrk', which does not exist").contains("did you mean 'work'?");
            assertThat(x.location()).isEqualTo(new SourceLocation("v.dot", 9, 3));
        });
    }

    @Test
    void forbidsEdgesIntoTheStartNode() {
        List<Diagnostic> d = ofRule(diagnostics(OK + "work -> start"), "start_no_incoming");

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.edge()).isEqualTo(new Diagnostic.EdgeRef("work", "start"));
            assertThat(x.location().line()).isEqualTo(6);
        });
    }

    @Test
    void forbidsEdgesOutOfTheExitNode() {
        List<Diagnostic> d = ofRule(diagnostics(OK + "exit -> work"), "exit_no_outgoing");

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.nodeId()).isEqualTo("exit");
            assertThat(x.edge()).isEqualTo(new Diagnostic.EdgeRef("exit", "work"));
        });
    }

    @Test
    void reportsAConditionThatDoesNotParseWithItsColumn() {
        List<Diagnostic> d = ofRule(diagnostics(OK + "work -> exit [label=\"x\", condition=\"outcome=success || x\"]"),
                "condition_syntax");

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.message()).contains("\"outcome=success || x\"").contains("at column 17 of the condition")
                    .contains("'||' is not supported");
            assertThat(x.location()).isEqualTo(new SourceLocation("v.dot", 6, 26));
        });
    }

    @Test
    void acceptsValidConditions() {
        assertThat(ofRule(diagnostics(OK + "work -> exit [condition=\"outcome=success && context.ok!=false\"]"),
                "condition_syntax")).isEmpty();
    }

    @Test
    void reportsAStylesheetThatDoesNotParse() {
        List<Diagnostic> d = ofRule(diagnostics("model_stylesheet=\"* { llm_modle: x }\"\n" + OK), "stylesheet_syntax");

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.message()).contains("line 1, column 5").contains("unknown property 'llm_modle'");
            assertThat(x.location()).isEqualTo(new SourceLocation("v.dot", 2, 1));
        });
    }

    @Test
    void warnsAboutAnUnknownHandlerTypeNamingTheShapeHandlerThatRunsInstead() {
        List<Diagnostic> d = ofRule(diagnostics(OK + "work [type=\"wait.humn\"]"), "type_known");

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.message()).isEqualTo("node 'work' has unknown type 'wait.humn': it runs with the handler of"
                    + " its shape 'box' (codergen) (did you mean 'wait.human'?)");
            assertThat(x.location()).isEqualTo(new SourceLocation("v.dot", 6, 7));
        });
    }

    @Test
    void acceptsHandlerTypesRegisteredByTheRuntime() {
        Set<String> types = new java.util.HashSet<>(LintRules.defaultHandlerTypes());
        types.add("harness");
        Validator custom = new Validator(types, List.of());

        assertThat(ofRule(custom.validate(parse(OK + "work [type=harness]")), "type_known")).isEmpty();
        assertThat(ofRule(validator.validate(parse(OK + "work [type=harness]")), "type_known")).hasSize(1);
    }

    @Test
    void warnsAboutUnknownFidelityModesOnGraphNodesAndEdges() {
        List<Diagnostic> d = ofRule(diagnostics("default_fidelity=\"sumary:low\"\n" + OK
                + "work [fidelity=\"full\"]\nwork -> exit [fidelity=\"everything\"]"), "fidelity_valid");

        assertThat(d).hasSize(2).allSatisfy(x -> assertThat(x.severity()).isEqualTo(Severity.WARNING));
        assertThat(d.get(0).message()).contains("unknown default_fidelity 'sumary:low' (did you mean 'summary:low'?)");
        assertThat(d.get(1).edge()).isEqualTo(new Diagnostic.EdgeRef("work", "exit"));
    }

    @Test
    void warnsAboutRetryTargetsThatAreNotNodesOnNodesAndTheGraph() {
        List<Diagnostic> d = ofRule(diagnostics("retry_target=\"plan\"\n" + OK
                + "work [retry_target=\"wrk\", fallback_retry_target=\"work\"]"), "retry_target_exists");

        assertThat(d).hasSize(2).allSatisfy(x -> assertThat(x.severity()).isEqualTo(Severity.WARNING));
        assertThat(d.get(0).message()).isEqualTo("the graph has retry_target 'plan', which is not a node");
        assertThat(d.get(1).message()).contains("node 'work' has retry_target 'wrk'").contains("did you mean 'work'?");
        assertThat(d.get(1).location()).isEqualTo(new SourceLocation("v.dot", 7, 7));
    }

    @Test
    void warnsWhenAGoalGateHasNoRetryTarget() {
        List<Diagnostic> d = ofRule(diagnostics(OK + "work [goal_gate=true]"), "goal_gate_has_retry");
        List<Diagnostic> none = ofRule(diagnostics(OK + "work [goal_gate=true, retry_target=work]"),
                "goal_gate_has_retry");

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.nodeId()).isEqualTo("work");
        });
        assertThat(none).isEmpty();
    }

    @Test
    void warnsWhenACodergenNodeHasNoPrompt() {
        List<Diagnostic> d = ofRule(diagnostics(OK + "work -> review -> exit\nreview [label=\"Review\"]"),
                "prompt_on_llm_nodes");

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.nodeId()).isEqualTo("review");
            assertThat(x.message()).contains("no prompt").contains("its label \"Review\"");
        });
    }

    @Test
    void warnsThatAnUnknownShapeRunsAsAnLlmStageWithADidYouMean() {
        List<Diagnostic> d = ofRule(diagnostics(OK + "gate [shape=hexgon]\nwork -> gate -> exit"), "shape_known");

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.message()).isEqualTo("node 'gate' has shape 'hexgon', which chooses no handler"
                    + " (attractor-spec 2.8): it runs as an LLM stage (codergen) (did you mean 'hexagon'?)");
            assertThat(x.location()).isEqualTo(new SourceLocation("v.dot", 6, 7));
        });
    }

    @Test
    void acceptsAnyShapeWhenAnExplicitTypeChoosesTheHandler() {
        assertThat(ofRule(diagnostics(OK + "work [shape=ellipse, type=tool]"), "shape_known")).isEmpty();
    }

    @Test
    void rejectsTypedAttributesThatDoNotParse() {
        List<Diagnostic> d = ofRule(diagnostics("default_max_retries=many\n" + OK + """
                work [max_retries=-1, goal_gate=yes, timeout="soon", reasoning_effort=hgh, max_parallel=0,
                      join_policy=any, auto_status=1, allow_partial=maybe]
                work -> exit [weight=heavy, loop_restart=sometimes]
                """), "attribute_type");

        assertThat(d).extracting(Diagnostic::message).containsExactly(
                "the graph has default_max_retries=\"many\", which is not a whole number >= 0",
                "node 'work' has max_retries=\"-1\", which is not a whole number >= 0",
                "node 'work' has goal_gate=\"yes\", which is not true or false: goal_gate is a flag on the stage"
                        + " that must succeed (attractor-spec 3.4), not a condition or a description",
                "node 'work' has auto_status=\"1\", which is not true or false",
                "node 'work' has allow_partial=\"maybe\", which is not true or false",
                "node 'work' has timeout=\"soon\", which is not a duration (a whole number with ms, s, m, h or d)",
                "node 'work' has reasoning_effort=\"hgh\", which is not one of low, medium, high (did you mean 'high'?)",
                "node 'work' has max_parallel=\"0\", which is not a whole number >= 1",
                "node 'work' has join_policy=\"any\", which is not one of wait_all, first_success",
                "edge work -> exit has weight=\"heavy\", which is not a whole number",
                "edge work -> exit has loop_restart=\"sometimes\", which is not true or false");
        assertThat(d).allSatisfy(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.fix()).isNotBlank();
        });
        assertThat(d.get(1).location()).isEqualTo(new SourceLocation("v.dot", 7, 7));
    }

    @Test
    void acceptsWellTypedAttributes() {
        assertThat(ofRule(diagnostics("default_max_retry=2\n" + OK + """
                work [max_retries=3, goal_gate=true, timeout=900s, reasoning_effort=low, max_parallel=2,
                      join_policy=first_success, auto_status=FALSE, allow_partial="true"]
                work -> exit [weight=-2, loop_restart=false]
                """), "attribute_type")).isEmpty();
    }

    @Test
    void readsAGraphvizWholeNumberWeightAndRefusesAFraction() {
        Graph g = parse(OK + "work -> exit [weight=\"2.0\"]\nstart -> exit [weight=1.5]");

        assertThat(ofRule(validator.validate(g), "attribute_type")).extracting(Diagnostic::message)
                .containsExactly("edge start -> exit has weight=\"1.5\", which is not a whole number");
        assertThat(g.outgoing("work").get(1).weight()).isEqualTo(2);
    }

    @Test
    void everyDiagnosticHasAFixAndAKnownLocation() {
        List<Diagnostic> d = diagnostics("""
                s [shape=Mdiamond]
                e [shape=Msquare]
                x [shape=blob, type=nope, goal_gate=maybe, retry_target=gone, fidelity=odd]
                s -> x -> e [condition="=="]
                e -> s
                lost
                """);

        assertThat(d).extracting(Diagnostic::rule).contains("attribute_type",
                "type_known", "retry_target_exists", "fidelity_valid", "condition_syntax", "start_no_incoming",
                "exit_no_outgoing", "reachability", "prompt_on_llm_nodes");
        assertThat(d).allSatisfy(x -> {
            assertThat(x.fix()).isNotBlank();
            assertThat(x.location().known()).isTrue();
            assertThat(x.location().file()).isEqualTo("v.dot");
        });
    }

    @Test
    void validateOrRaiseThrowsWithTheDiagnosticsWhenThereAreErrors() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> validator.validateOrRaise(parse("work [prompt=\"x\"]")));

        assertThat(e.errors()).extracting(Diagnostic::rule).contains("start_node", "terminal_node", "dead_end");
        assertThat(e.getMessage()).startsWith("pipeline has 3 errors:")
                .contains("v.dot:1:1: error start_node: the pipeline has no start node");
    }

    @Test
    void validateOrRaiseReturnsWarningsWhenThereAreNoErrors() {
        List<Diagnostic> d = validator.validateOrRaise(parse(OK + "work [goal_gate=true]"));

        assertThat(d).extracting(Diagnostic::rule).containsExactly("goal_gate_has_retry");
    }

    @Test
    void runsCustomRulesAfterTheBuiltInOnes() {
        LintRule noTodo = new LintRule() {
            @Override
            public String name() {
                return "no_todo";
            }

            @Override
            public List<Diagnostic> apply(Graph graph) {
                return graph.nodes().values().stream().filter(n -> n.prompt().contains("TODO"))
                        .map(n -> new Diagnostic(name(), Severity.INFO, "prompt of '" + n.id() + "' says TODO",
                                n.id(), null, "finish the prompt", n.location()))
                        .toList();
            }
        };
        Validator custom = new Validator(LintRules.defaultHandlerTypes(), List.of(noTodo));

        List<Diagnostic> d = custom.validate(parse(OK + "work [prompt=\"TODO\", goal_gate=true]"));

        assertThat(custom.rules().getLast()).isSameAs(noTodo);
        assertThat(d).extracting(Diagnostic::rule).containsExactly("goal_gate_has_retry", "no_todo");
        assertThat(d.getLast().toLine()).isEqualTo("v.dot:4:1: info no_todo: prompt of 'work' says TODO");
    }

    @Test
    void turnsAFailingCustomRuleIntoAnErrorDiagnostic() {
        LintRule broken = new LintRule() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<Diagnostic> apply(Graph graph) {
                throw new IllegalStateException("boom");
            }
        };

        List<Diagnostic> d = new Validator(LintRules.defaultHandlerTypes(), List.of(broken)).validate(parse(OK));

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("broken");
            assertThat(x.isError()).isTrue();
            assertThat(x.message()).contains("boom");
        });
    }

    @Test
    void reportsSynthesizedNodesAtTheStartOfTheFile() {
        Graph parsed = parse(OK);
        List<Node> nodes = new ArrayList<>(parsed.nodes().values());
        nodes.add(Node.of("added", Attributes.EMPTY));
        List<Diagnostic> d = ofRule(validator.validate(parsed.withNodes(nodes)), "reachability");

        assertThat(d).singleElement().satisfies(x -> assertThat(x.location())
                .isEqualTo(new SourceLocation("v.dot", 1, 1)));
    }
}
