package io.nightshift.pipeline.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** DoD 11.9: the condition language as the validator and engine use it. */
class ConditionTest {

    private record Scope(String outcome, String preferredLabel, Map<String, Object> context) implements ConditionScope {
        @Override
        public Object contextValue(String key) {
            return context.get(key);
        }
    }

    private static boolean eval(String condition, String outcome, String label, Map<String, Object> context)
            throws ConditionSyntaxException {
        return Condition.parse(condition).evaluate(new Scope(outcome, label, context));
    }

    @Test
    void containsTestsASubstringAndABangNegatesIt() throws Exception {
        Map<String, Object> ctx = Map.of("tool.output", "{\"id\": 7}", "last_response", "PLAN_READY: ship it");

        assertThat(eval("tool.output contains \"id\"", "success", "", ctx)).isTrue();
        assertThat(eval("!tool.output contains \"id\"", "success", "", ctx)).isFalse();
        assertThat(eval("context.last_response !contains PLAN_READY", "success", "", ctx)).isFalse();
        assertThat(eval("context.last_response !contains CLARIFY", "success", "", ctx)).isTrue();
        assertThat(eval("context.last_response contains PLAN_READY", "success", "", ctx)).isTrue();
        assertThat(eval("context.last_response contains CLARIFY && outcome=success", "success", "", ctx)).isFalse();
        // case-sensitive, and a missing key contains nothing
        assertThat(eval("context.last_response contains plan_ready", "success", "", ctx)).isFalse();
        assertThat(eval("! context.missing contains x", "success", "", ctx)).isTrue();
        // a value that is the word "contains" is still an equality
        assertThat(eval("context.mode=contains", "success", "", Map.of("context.mode", "contains"))).isTrue();
    }

    @Test
    void equalsComparesStrings() throws Exception {
        assertThat(eval("outcome=success", "success", "", Map.of())).isTrue();
        assertThat(eval("outcome=success", "fail", "", Map.of())).isFalse();
    }

    @Test
    void notEqualsWorks() throws Exception {
        assertThat(eval("outcome!=success", "fail", "", Map.of())).isTrue();
        assertThat(eval("outcome!=success", "success", "", Map.of())).isFalse();
    }

    @Test
    void andRequiresEveryClause() throws Exception {
        Map<String, Object> ctx = Map.of("context.tests_passed", "true");

        assertThat(eval("outcome=success && context.tests_passed=true", "success", "", ctx)).isTrue();
        assertThat(eval("outcome=success && context.tests_passed=true", "fail", "", ctx)).isFalse();
        assertThat(eval("outcome=success && context.tests_passed=false", "success", "", ctx)).isFalse();
    }

    @Test
    void preferredLabelResolvesToTheOutcomeLabel() throws Exception {
        assertThat(eval("preferred_label=Fix", "success", "Fix", Map.of())).isTrue();
        assertThat(eval("preferred_label=Fix", "success", "Approve", Map.of())).isFalse();
    }

    @Test
    void contextKeysResolveWithOrWithoutPrefixAndMissingKeysAreEmpty() throws Exception {
        assertThat(eval("context.loop_state!=exhausted", "", "", Map.of("loop_state", "running"))).isTrue();
        assertThat(eval("context.loop_state=exhausted", "", "", Map.of("loop_state", "exhausted"))).isTrue();
        assertThat(eval("context.missing=\"\"", "", "", Map.of())).isTrue();
        assertThat(eval("context.missing=x", "", "", Map.of())).isFalse();
    }

    @Test
    void emptyConditionIsAlwaysTrue() throws Exception {
        assertThat(eval("", "fail", "", Map.of())).isTrue();
        assertThat(eval("   ", "fail", "", Map.of())).isTrue();
    }
}
