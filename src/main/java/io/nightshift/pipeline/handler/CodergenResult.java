package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.state.Outcome;
import java.util.Optional;

/**
 * What a {@link CodergenBackend} returns for a stage: the response text and the outcome together.
 *
 * <ul>
 *   <li>response and no outcome: the stage succeeded with that answer ({@link #text});</li>
 *   <li>response and outcome: the agent (or an in-stage judge) decided the outcome of a stage that answered
 *       ({@link #decided});</li>
 *   <li>outcome and no response: the backend stopped without an answer, e.g. a FAIL at a limit ({@link #status}).</li>
 * </ul>
 * The handler writes {@code response.md} only when there is a response.
 */
public record CodergenResult(Optional<String> response, Optional<Outcome> outcome) {

    public CodergenResult {
        if (response.isEmpty() && outcome.isEmpty()) {
            throw new IllegalArgumentException("a codergen result needs a response, an outcome or both");
        }
    }

    public static CodergenResult text(String response) {
        return new CodergenResult(Optional.of(response == null ? "" : response), Optional.empty());
    }

    public static CodergenResult status(Outcome outcome) {
        return new CodergenResult(Optional.empty(), Optional.of(outcome));
    }

    public static CodergenResult decided(String response, Outcome outcome) {
        return new CodergenResult(Optional.of(response == null ? "" : response), Optional.of(outcome));
    }
}
