package io.nightshift.twin.script;

import io.nightshift.twin.Provider;
import java.util.Set;

/**
 * What rules can match on, extracted from a request by its dialect.
 *
 * @param seq                1-based number of the request since the twin started or was reset
 * @param assistantTurns     assistant (model) messages in the request's history
 * @param lastUserText       text of the last user message ("" when none)
 * @param lastToolResultText text of the tool results in the last message that carries any ("" when none)
 * @param toolNames          names of the tools the request offers
 */
public record RequestFacts(Provider provider, int seq, String model, boolean stream, int assistantTurns,
        String lastUserText, String lastToolResultText, Set<String> toolNames) {

    public RequestFacts {
        toolNames = Set.copyOf(toolNames);
    }

    /** The turn the answer will be: 1 for the first assistant message, 2 after one assistant message... */
    public int turn() {
        return assistantTurns + 1;
    }

    /** One line naming the request, for mismatch errors. */
    public String describe() {
        String user = lastUserText.length() > 60 ? lastUserText.substring(0, 60) + "..." : lastUserText;
        return "request #" + seq + " (" + provider.wireName() + ", model " + model + ", turn " + turn()
                + (stream ? ", streaming" : "") + ", last user text \"" + user.replace('\n', ' ') + "\""
                + (lastToolResultText.isEmpty() ? "" : ", after a tool result") + ", tools " + toolNames + ")";
    }
}
