package io.nightshift.twin.script;

import io.nightshift.twin.Provider;

/**
 * Conditions on a request; every present field must hold, absent fields match anything.
 *
 * @param request            the request's 1-based arrival number
 * @param turn               1 + the number of assistant messages in the request
 * @param userContains       substring of the last user message's text
 * @param toolResultContains substring of the last tool result's text
 * @param hasTool            name of a tool the request offers
 * @param model              exact model name
 * @param stream             whether the request asks for streaming
 */
public record Match(Provider provider, Integer request, Integer turn, String userContains,
        String toolResultContains, String hasTool, String model, Boolean stream) {

    public boolean matches(RequestFacts facts) {
        return (provider == null || provider == facts.provider())
                && (request == null || request == facts.seq())
                && (turn == null || turn == facts.turn())
                && (userContains == null || facts.lastUserText().contains(userContains))
                && (toolResultContains == null || facts.lastToolResultText().contains(toolResultContains))
                && (hasTool == null || facts.toolNames().contains(hasTool))
                && (model == null || model.equals(facts.model()))
                && (stream == null || stream == facts.stream());
    }
}
