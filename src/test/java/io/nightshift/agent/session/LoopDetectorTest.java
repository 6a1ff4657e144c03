package io.nightshift.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.llm.Json;
import io.nightshift.llm.ToolCall;
import io.nightshift.llm.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coding-agent spec 2.10. */
class LoopDetectorTest {

    private static List<Turn> calls(String... names) {
        List<Turn> history = new ArrayList<>();
        for (String name : names) {
            ToolCall call = new ToolCall("id-" + history.size(), name.split(":")[0],
                    Json.object().put("arg", name.contains(":") ? name.split(":")[1] : ""));
            history.add(new Turn.AssistantTurn("", List.of(call), null, Usage.ZERO, null, null, Instant.EPOCH));
        }
        return history;
    }

    @Test
    void detectsRepeatingPatternsOfOneTwoAndThreeCalls() {
        assertThat(LoopDetector.detect(calls("a", "a", "a", "a"), 4)).isTrue();
        assertThat(LoopDetector.detect(calls("a", "b", "a", "b"), 4)).isTrue();
        assertThat(LoopDetector.detect(calls("a", "b", "c", "a", "b", "c"), 6)).isTrue();
    }

    @Test
    void ignoresVariedCallsShortHistoriesAndDifferentArguments() {
        assertThat(LoopDetector.detect(calls("a", "b", "c", "d"), 4)).isFalse();
        assertThat(LoopDetector.detect(calls("a", "a", "a"), 4)).isFalse();
        assertThat(LoopDetector.detect(calls("read:x", "read:y", "read:z", "read:w"), 4)).isFalse();
        assertThat(LoopDetector.detect(calls("x", "a", "b", "a", "b"), 4)).isTrue();
        assertThat(LoopDetector.detect(calls("a", "b", "c", "a", "b"), 5)).isFalse();
    }
}
