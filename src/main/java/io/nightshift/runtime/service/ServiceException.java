package io.nightshift.runtime.service;

/**
 * Root of what the run service refuses to do. Each subclass maps to one HTTP status at the edge; the message is
 * one line that says what was wrong and how to fix it. {@link #retryable()} tells whether the same request may
 * succeed later unchanged.
 */
public abstract sealed class ServiceException extends RuntimeException
        permits RunNotFoundException, QuestionNotFoundException, InvalidAnswerException, RunStateException,
        InvalidSubmissionException, RendererUnavailableException, LocalSandboxRefusedException {

    private final boolean retryable;

    protected ServiceException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
