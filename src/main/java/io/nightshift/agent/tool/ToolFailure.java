package io.nightshift.agent.tool;

import io.nightshift.agent.AgentException;

/** A tool could not do what the model asked; the message is shown to the model so it can correct course. */
public final class ToolFailure extends AgentException {

    public ToolFailure(String message) {
        super(message, false);
    }
}
