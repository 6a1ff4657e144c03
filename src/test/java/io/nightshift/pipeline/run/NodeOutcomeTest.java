package io.nightshift.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.state.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code node_outcomes} in {@code checkpoint.json}: status with notes and reason, older string entries still read. */
class NodeOutcomeTest {

    @Test
    void aCheckpointWrittenBeforeWithStatusStringsStillReads() throws Exception {
        Checkpoint cp = Json.mapper().readValue("""
                {"current_node":"b","completed_nodes":["a","b"],"node_outcomes":{"a":"success","b":"fail"}}
                """, Checkpoint.class);

        assertThat(cp.nodeOutcomes().get("a").status()).isEqualTo("success");
        assertThat(cp.nodeOutcomes().get("b").status()).isEqualTo("fail");
        assertThat(cp.nodeOutcomes().get("b").failureReason()).isEmpty();
    }

    @Test
    void anOutcomeIsWrittenWithItsNotesAndReasonAndReadsBack() throws Exception {
        Checkpoint cp = new Checkpoint("t", "b", List.of("b"), Map.of(),
                Map.of("b", NodeOutcome.of(Outcome.fail("exited with code 3").withNotes("tried"))), Map.of(),
                List.of(), Map.of(), "fail", 1, null, "");

        String json = Json.mapper().writeValueAsString(cp);
        assertThat(json).contains("\"node_outcomes\":{\"b\":{\"status\":\"fail\"").contains("\"failure_reason\":\"exited with code 3\"");
        Checkpoint back = Json.mapper().readValue(json, Checkpoint.class);
        assertThat(back.nodeOutcomes().get("b").notes()).isEqualTo("tried");
    }
}
