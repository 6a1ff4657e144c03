package io.nightshift.runtime.agent;

import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.handler.StageCall;
import java.util.Map;

/**
 * Judges the work of a codergen stage while its agent session is still open (a node with {@code harness.suite}):
 * the backend asks after each time the agent finishes, and delivers {@link Verdict#followUp()} into the same
 * session until the verdict is satisfied or {@link #maxRounds} is reached.
 */
public interface StageJudge {

    /** Whether this stage is judged in place. */
    boolean judges(Node node);

    /** How many times the stage is judged at most (the first included). */
    int maxRounds(Node node);

    /**
     * Judges the stage's workspace as it is now; {@code round} counts from 1. What judging reports goes into
     * {@code call.events()}.
     */
    Verdict judge(StageCall call, int round) throws Exception;

    /**
     * @param satisfied      satisfaction reached the threshold
     * @param summary        one line for the stage's notes or failure reason
     * @param followUp       the message that goes into the session when not satisfied
     * @param contextUpdates the harness keys of {@link HarnessFeedback}, for later stages
     */
    record Verdict(boolean satisfied, String summary, String followUp, Map<String, Object> contextUpdates) {
        public Verdict {
            contextUpdates = Map.copyOf(contextUpdates);
        }
    }
}
