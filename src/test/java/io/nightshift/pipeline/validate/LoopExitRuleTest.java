package io.nightshift.pipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoopExitRuleTest {

    private static List<Diagnostic> loopExit(String body) {
        return new Validator().validate(ValidatorTest.parse(body)).stream()
                .filter(d -> d.rule().equals("loop_exit")).toList();
    }

    @Test
    void aLoopWithAConditionalWayOutPasses() {
        assertThat(loopExit("""
                start [shape=Mdiamond]
                exit [shape=Msquare]
                work [prompt="Fix"]
                check [prompt="Check"]
                start -> work -> check
                check -> exit [condition="outcome=success"]
                check -> work [condition="outcome=fail"]
                """)).isEmpty();
    }

    @Test
    void aLoopWithNoPathToTheExitIsAnError() {
        List<Diagnostic> found = loopExit("""
                start [shape=Mdiamond]
                exit [shape=Msquare]
                work [prompt="Fix"]
                review [prompt="Review"]
                start -> work -> review -> work
                start -> exit [condition="outcome=fail"]
                """);
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.message()).contains("'work'", "'review'", "no path to an exit node");
        });
    }

    @Test
    void aLoopWhoseEdgesCarryNoConditionIsAWarning() {
        List<Diagnostic> found = loopExit("""
                start [shape=Mdiamond]
                exit [shape=Msquare]
                work [prompt="Fix"]
                review [prompt="Review"]
                start -> work -> review -> work
                review -> exit
                """);
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.message()).contains("no conditional way out");
        });
    }

    @Test
    void aNodeLoopingOnItselfIsACycle() {
        assertThat(loopExit("""
                start [shape=Mdiamond]
                exit [shape=Msquare]
                poll [prompt="Poll"]
                start -> poll -> poll
                """)).singleElement().satisfies(d -> assertThat(d.severity()).isEqualTo(Severity.ERROR));
    }

    @Test
    void budgetAndLoopAttributesAreTypeChecked() {
        List<Diagnostic> found = new Validator().validate(ValidatorTest.parse("""
                graph [max_cost_usd="cheap", max_time="soon", default_max_visits="-1"]
                start [shape=Mdiamond]
                exit [shape=Msquare]
                work [prompt="Fix", max_visits="many"]
                start -> work -> exit
                """)).stream().filter(d -> d.rule().equals("attribute_type")).toList();
        assertThat(found).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("max_cost_usd"))
                .anySatisfy(m -> assertThat(m).contains("max_time")).anySatisfy(m -> assertThat(m).contains(
                        "default_max_visits")).anySatisfy(m -> assertThat(m).contains("max_visits=\"many\""));
    }
}
