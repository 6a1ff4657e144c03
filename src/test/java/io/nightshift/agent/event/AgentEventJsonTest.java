package io.nightshift.agent.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.event.AgentEvent;
import io.nightshift.event.EventKind;
import io.nightshift.llm.Json;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coding-agent spec 2.9: one type name per kind, serialised with a {@code type} field. */
class AgentEventJsonTest {

    private static final Instant AT = Instant.parse("2026-11-24T04:00:00Z");

    @Test
    void serialisesEveryKindWithTheSpecTypeNameSessionAndTime() throws Exception {
        List<AgentEvent> events = List.of(
                new AgentEvent.SessionStart("s", AT, "anthropic", "m", null, 0),
                new AgentEvent.SessionEnd("s", AT, "CLOSED", "closed"),
                new AgentEvent.UserInput("s", AT, "hi"),
                new AgentEvent.ProcessingEnd("s", AT, "COMPLETED", "IDLE"),
                new AgentEvent.AssistantTextStart("s", AT),
                new AgentEvent.AssistantTextDelta("s", AT, "h"),
                new AgentEvent.AssistantTextEnd("s", AT, "hello", null, 0),
                new AgentEvent.ToolCallStart("s", AT, "c1", "shell", "{}"),
                new AgentEvent.ToolCallOutputDelta("s", AT, "c1", "out"),
                new AgentEvent.ToolCallEnd("s", AT, "c1", "shell", "full output", null, 12),
                new AgentEvent.SteeringInjected("s", AT, "steer"),
                new AgentEvent.TurnLimit("s", AT, "max_turns", 1, 4),
                new AgentEvent.LoopDetection("s", AT, "Loop detected"),
                new AgentEvent.Warning("s", AT, "careful"),
                new AgentEvent.Error("s", AT, "boom", "AuthenticationException", true));
        assertThat(events).extracting(AgentEvent::kind).containsExactlyInAnyOrder(EventKind.values());
        for (AgentEvent event : events) {
            JsonNode json = Json.MAPPER.readTree(AgentEventJson.toLine(event));
            assertThat(json.path("type").asText()).isEqualTo(event.kind().name());
            assertThat(json.path("session_id").asText()).isEqualTo("s");
            assertThat(json.path("timestamp").asText()).isEqualTo("2026-11-24T04:00:00Z");
        }
        JsonNode end = AgentEventJson.toJson(events.get(9));
        assertThat(end.toString()).isEqualTo("{\"type\":\"TOOL_CALL_END\",\"session_id\":\"s\",\"timestamp\":"
                + "\"2026-11-24T04:00:00Z\",\"call_id\":\"c1\",\"tool_name\":\"shell\",\"output\":\"full output\","
                + "\"duration_ms\":12}");
        assertThat(Arrays.stream(EventKind.values()).map(Enum::name)).contains("TOOL_CALL_OUTPUT_DELTA", "PROCESSING_END");
    }
}
