package io.nightshift.runtime.service;

/** A submission the service cannot start: a missing field, an unknown pipeline name, a workspace that is not there. */
public final class InvalidSubmissionException extends ServiceException {

    public InvalidSubmissionException(String message) {
        super(message, false);
    }
}
