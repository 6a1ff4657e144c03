package io.nightshift.pipeline.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nightshift.pipeline.dot.DotSource;
import io.nightshift.pipeline.dot.DotSyntaxException;
import io.nightshift.pipeline.graph.Attributes;
import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.graph.SourceLocation;
import io.nightshift.pipeline.validate.Diagnostic;
import io.nightshift.pipeline.validate.LintRules;
import io.nightshift.pipeline.validate.Severity;
import io.nightshift.pipeline.validate.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** attractor-spec 9.1 to 9.3 and DoD 11.11 (transforms), plus the single prepare entry point. */
class PipelinePreparerTest {

    private static DotSource dot(String text) {
        return DotSource.of(text, "p.dot");
    }

    private static final String LINEAR = """
            digraph G {
                goal = "Ship the login page"
                start [shape=Mdiamond]
                exit [shape=Msquare]
                plan [prompt="Plan how to reach: $goal. Then restate $goal."]
                build [prompt="Build it"]
                start -> plan -> build -> exit
            }
            """;

    @Test
    void expandsGoalInPrompts() {
        PreparedPipeline p = new PipelinePreparer().prepare(dot(LINEAR));

        assertThat(p.graph().node("plan").orElseThrow().prompt())
                .isEqualTo("Plan how to reach: Ship the login page. Then restate Ship the login page.");
        assertThat(p.graph().node("build").orElseThrow().prompt()).isEqualTo("Build it");
        assertThat(p.graph().node("plan").orElseThrow().attrs().attribute("prompt").orElseThrow().location())
                .isEqualTo(new SourceLocation("p.dot", 5, 11));
        assertThat(p.valid()).isTrue();
        assertThat(p.diagnostics()).isEmpty();
    }

    @Test
    void expandsGoalToTheEmptyStringWhenTheGraphHasNoGoal() {
        PreparedPipeline p = new PipelinePreparer().prepare(dot(LINEAR.replace("goal = \"Ship the login page\"", "")));

        assertThat(p.graph().node("plan").orElseThrow().prompt()).isEqualTo("Plan how to reach: . Then restate .");
    }

    @Test
    void runsCustomTransformsAfterTheBuiltInsInRegistrationOrder() {
        List<String> seen = new ArrayList<>();
        Transform first = g -> {
            seen.add("first saw: " + g.node("plan").orElseThrow().prompt());
            return g.mapNodes(n -> n.id().equals("build") ? n.withAttr("prompt", "A") : n);
        };
        Transform second = g -> {
            seen.add("second saw: " + g.node("build").orElseThrow().prompt());
            return g.mapNodes(n -> n.id().equals("build") ? n.withAttr("prompt", n.prompt() + "B") : n);
        };
        PipelinePreparer preparer = new PipelinePreparer(List.of(first, second), List.of(),
                LintRules.defaultHandlerTypes());

        PreparedPipeline p = preparer.prepare(dot(LINEAR));

        assertThat(seen).containsExactly(
                "first saw: Plan how to reach: Ship the login page. Then restate Ship the login page.",
                "second saw: A");
        assertThat(p.graph().node("build").orElseThrow().prompt()).isEqualTo("AB");
        assertThat(preparer.transforms()).hasSize(5);
        assertThat(preparer.transforms().get(0)).isInstanceOf(DialectTransform.class);
        assertThat(preparer.transforms().get(1)).isInstanceOf(StylesheetTransform.class);
        assertThat(preparer.transforms().get(2)).isInstanceOf(VariableExpansionTransform.class);
    }

    @Test
    void letsATransformChangeTheGraphBeforeValidation() {
        Transform addExit = g -> {
            List<Node> nodes = new ArrayList<>(g.nodes().values());
            nodes.add(Node.of("done", Attributes.EMPTY.with("shape", "Msquare")));
            List<Edge> edges = new ArrayList<>(g.edges());
            edges.add(Edge.of("work", "done", Attributes.EMPTY));
            return g.withNodes(nodes).withEdges(edges);
        };
        String noExit = "digraph G { start [shape=Mdiamond]; work [prompt=\"w\"]; start -> work }";

        PreparedPipeline without = new PipelinePreparer().prepare(dot(noExit));
        PreparedPipeline with = new PipelinePreparer(List.of(addExit), List.of(), LintRules.defaultHandlerTypes())
                .prepare(dot(noExit));

        assertThat(without.errors()).extracting(Diagnostic::rule).containsExactly("terminal_node", "dead_end");
        assertThat(with.valid()).isTrue();
        assertThat(with.graph().exitNodes()).extracting(Node::id).containsExactly("done");
    }

    @Test
    void neverModifiesTheGraphItIsGiven() {
        Graph parsed = io.nightshift.pipeline.dot.DotParser.parse(dot(LINEAR));
        String before = parsed.node("plan").orElseThrow().prompt();

        Graph after = new VariableExpansionTransform().apply(parsed);

        assertThat(parsed.node("plan").orElseThrow().prompt()).isEqualTo(before).contains("$goal");
        assertThat(after).isNotSameAs(parsed);
        assertThat(new VariableExpansionTransform().apply(after)).isSameAs(after);
    }

    @Test
    void reportsABadStylesheetAsADiagnosticNotAnException() {
        String text = LINEAR.replace("goal = ", "model_stylesheet = \"box { llm_model: x; colour: red }\"\n    goal = ");

        PreparedPipeline p = new PipelinePreparer().prepare(dot(text));

        assertThat(p.valid()).isFalse();
        assertThat(p.errors()).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("stylesheet_syntax");
            assertThat(d.message()).contains("unknown property 'colour'");
            assertThat(d.location()).isEqualTo(new SourceLocation("p.dot", 2, 5));
        });
        assertThat(p.graph().node("plan").orElseThrow().attrs().has("llm_model")).isFalse();
    }

    @Test
    void prepareOrRaiseThrowsOnValidationErrors() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> new PipelinePreparer().prepareOrRaise(dot("digraph G { a [prompt=\"x\"] }")));

        assertThat(e.errors()).extracting(Diagnostic::rule).containsExactly("start_node", "terminal_node", "dead_end");
    }

    @Test
    void prepareThrowsSyntaxErrorsWhileCheckReportsThemAsDiagnostics() {
        DotSource broken = dot("digraph G {\n  a -- b\n}");

        assertThat(catchThrowableOfType(DotSyntaxException.class, () -> new PipelinePreparer().prepare(broken)))
                .isNotNull();
        List<Diagnostic> d = new PipelinePreparer().check(broken);
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("syntax");
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.toLine()).isEqualTo("p.dot:2:5: error syntax: undirected edges ('--') are not supported: use '->'");
        });
    }

    @Test
    void wrapsAFailingCustomTransform() {
        Transform broken = g -> {
            throw new IllegalArgumentException("nope");
        };
        PipelinePreparer preparer = new PipelinePreparer(List.of(broken), List.of(), LintRules.defaultHandlerTypes());

        TransformException e = catchThrowableOfType(TransformException.class, () -> preparer.prepare(dot(LINEAR)));

        assertThat(e.getMessage()).contains("failed").contains("nope");
    }

    @Test
    void appliesCustomLintRulesAndHandlerTypes() {
        PipelinePreparer preparer = new PipelinePreparer(List.of(),
                List.of(new io.nightshift.pipeline.validate.LintRule() {
                    @Override
                    public String name() {
                        return "max_nodes";
                    }

                    @Override
                    public List<Diagnostic> apply(Graph graph) {
                        return graph.nodes().size() > 3 ? List.of(Diagnostic.error(name(), "too many nodes",
                                "split the pipeline", new SourceLocation(graph.sourceFile(), 1, 1))) : List.of();
                    }
                }), java.util.Set.of("start", "exit", "codergen", "harness"));

        PreparedPipeline p = preparer.prepare(dot(LINEAR.replace("build [prompt=\"Build it\"]",
                "build [type=harness]")));

        assertThat(p.errors()).extracting(Diagnostic::rule).containsExactly("max_nodes");
        assertThat(Map.of("valid", p.valid())).containsEntry("valid", false);
    }
}
