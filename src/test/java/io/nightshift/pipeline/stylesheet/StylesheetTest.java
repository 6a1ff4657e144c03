package io.nightshift.pipeline.stylesheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nightshift.pipeline.graph.Attribute;
import io.nightshift.pipeline.graph.Attributes;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.graph.SourceLocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** attractor-spec 8.2 and 8.3: parsing and specificity (application to graphs is in StylesheetTransformTest). */
class StylesheetTest {

    private static Node node(String id, String shape, String cls, List<String> subgraphClasses) {
        List<Attribute> attrs = new java.util.ArrayList<>();
        if (shape != null) {
            attrs.add(Attribute.synthetic("shape", shape));
        }
        if (cls != null) {
            attrs.add(Attribute.synthetic("class", cls));
        }
        return new Node(id, Attributes.of(attrs), subgraphClasses, SourceLocation.UNKNOWN);
    }

    @Test
    void parsesAllSelectorKindsAndBothValueForms() {
        Stylesheet s = Stylesheet.parse("""
                * { llm_model: claude-sonnet-4-5; llm_provider: anthropic; }
                box { llm_model: "claude-opus-4-6" }
                .fast-lane { llm_model: gemini-3-flash-preview }
                #review { reasoning_effort: "high"; }
                """);

        assertThat(s.rules()).extracting(r -> r.selector().toString())
                .containsExactly("*", "box", ".fast-lane", "#review");
        assertThat(s.rules().get(0).declarations()).containsExactly(
                new StyleRule.Declaration("llm_model", "claude-sonnet-4-5"),
                new StyleRule.Declaration("llm_provider", "anthropic"));
        assertThat(s.rules().get(1).declarations().get(0).value()).isEqualTo("claude-opus-4-6");
        assertThat(s.rules().get(3).selector()).isEqualTo(new Selector.NodeId("review"));
    }

    @Test
    void treatsBlankTextAsAnEmptyStylesheet() {
        assertThat(Stylesheet.parse("  \n ").rules()).isEmpty();
    }

    @Test
    void resolvesByShapeClassAndId() {
        Stylesheet s = Stylesheet.parse("""
                box { llm_model: m-box }
                hexagon { llm_model: m-hex }
                .fast { llm_model: m-fast }
                #review { reasoning_effort: high }
                """);

        assertThat(s.resolve(node("a", null, null, List.of()))).containsEntry("llm_model", "m-box");
        assertThat(s.resolve(node("h", "hexagon", null, List.of()))).containsEntry("llm_model", "m-hex");
        assertThat(s.resolve(node("f", "box", "slow, fast", List.of()))).containsEntry("llm_model", "m-fast");
        assertThat(s.resolve(node("g", null, null, List.of("fast")))).containsEntry("llm_model", "m-fast");
        assertThat(s.resolve(node("review", null, null, List.of())))
                .isEqualTo(Map.of("llm_model", "m-box", "reasoning_effort", "high"));
    }

    @Test
    void ordersSpecificityUniversalShapeClassIdRegardlessOfRuleOrder() {
        Stylesheet s = Stylesheet.parse("""
                #n { llm_model: by-id }
                .c { llm_model: by-class; llm_provider: p-class }
                box { llm_model: by-shape; llm_provider: p-shape; reasoning_effort: low }
                * { llm_model: any; llm_provider: p-any; reasoning_effort: medium }
                """);

        assertThat(s.resolve(node("n", "box", "c", List.of())))
                .isEqualTo(Map.of("llm_model", "by-id", "llm_provider", "p-class", "reasoning_effort", "low"));
        assertThat(s.resolve(node("m", "diamond", null, List.of())))
                .isEqualTo(Map.of("llm_model", "any", "llm_provider", "p-any", "reasoning_effort", "medium"));
    }

    @Test
    void letsTheLaterRuleWinAmongEqualSpecificity() {
        Stylesheet s = Stylesheet.parse(".a { llm_model: first } .b { llm_model: second }");

        assertThat(s.resolve(node("n", null, "a,b", List.of()))).containsEntry("llm_model", "second");
    }

    private static StylesheetSyntaxException failure(String text) {
        StylesheetSyntaxException e = catchThrowableOfType(StylesheetSyntaxException.class, () -> Stylesheet.parse(text));
        assertThat(e).as("expected a stylesheet error for: " + text).isNotNull();
        return e;
    }

    @Test
    void rejectsUnknownPropertiesListingTheKnownOnes() {
        StylesheetSyntaxException e = failure("* {\n  llm_model: x;\n  temperature: 0.2\n}");

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.detail()).isEqualTo("unknown property 'temperature': known properties are llm_model,"
                + " llm_provider, reasoning_effort");
        assertThat(e.getMessage()).startsWith("model_stylesheet line 3, column 3: ");
    }

    @Test
    void readsThePropertyNamesAndEqualsSignOtherImplementationsWrite() {
        Stylesheet s = Stylesheet.parse("* { model: claude-sonnet-4-5; provider = anthropic; reasoning_effort = low }");

        assertThat(s.resolve(node("n", null, null, List.of()))).isEqualTo(Map.of("llm_model", "claude-sonnet-4-5",
                "llm_provider", "anthropic", "reasoning_effort", "low"));
    }

    @Test
    void refusesAGlobModelIdSayingGlobsAreNotResolved() {
        assertThat(failure("* { llm_model: claude-sonnet-*; }").detail()).isEqualTo("'claude-sonnet-*...' looks like"
                + " a glob pattern: llm_model takes one concrete value (like claude-sonnet-4-5); globs are not resolved");
    }

    @Test
    void rejectsMalformedRulesWithPositions() {
        assertThat(failure("* llm_model: x }").detail()).isEqualTo("expected '{' after the selector *, found 'l'");
        assertThat(failure("* { llm_model x }").detail()).isEqualTo("expected ':' after 'llm_model', found 'x'");
        assertThat(failure("* { llm_model: a llm_provider: b }").detail())
                .isEqualTo("expected ';' or '}' after a declaration, found 'l'");
        assertThat(failure("* { llm_model: a;").detail()).isEqualTo("missing '}' to close the rule for *");
        assertThat(failure("@ { llm_model: a }").detail()).startsWith("expected a selector");
        assertThat(failure("# { llm_model: a }").detail()).startsWith("expected a node id after '#'");
        assertThat(failure("* { llm_model: }").detail()).isEqualTo("missing value for 'llm_model', found '}'");
        assertThat(failure("* { llm_model: \"open }").detail()).isEqualTo("unterminated string value for 'llm_model'");
        StylesheetSyntaxException effort = failure("#n { reasoning_effort: extreme }");
        assertThat(effort.detail()).isEqualTo("reasoning_effort must be low, medium or high, found 'extreme'");
        assertThat(effort.column()).isEqualTo(24);
    }
}
