package io.nightshift.runtime.service;

import java.util.List;

/** An answer that does not fit its question; {@link #validKeys()} lists what would. */
public final class InvalidAnswerException extends ServiceException {

    private final List<String> validKeys;

    public InvalidAnswerException(String message, List<String> validKeys) {
        super(message, false);
        this.validKeys = List.copyOf(validKeys);
    }

    public List<String> validKeys() {
        return validKeys;
    }
}
