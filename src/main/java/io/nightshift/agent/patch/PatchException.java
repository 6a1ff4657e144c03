package io.nightshift.agent.patch;

import io.nightshift.agent.AgentException;

/** A patch that cannot be parsed or applied; the message says where and how to fix it (the model reads it). */
final class PatchException extends AgentException {

    public PatchException(String message) {
        super(message, false);
    }
}
