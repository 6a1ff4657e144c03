package io.nightshift.pipeline.handler;

import java.time.Duration;

/** A child pipeline running in-process under a manager loop. Thread-safe. */
public interface ChildRun {

    /** {@code running}, {@code completed}, {@code failed} or {@code cancelled}. */
    String status();

    /** The final outcome ({@code success}, {@code fail}); empty while running. */
    String outcome();

    String currentNode();

    int completedNodes();

    String failureReason();

    /** Waits up to {@code timeout} for the child to end; true when it has. */
    boolean awaitDone(Duration timeout) throws InterruptedException;

    /**
     * Hands {@code message} to the agents of the child's stages working now ({@link CodergenBackend#steer}).
     *
     * @return how many got it
     */
    int steer(String message);

    /** Cancels the child; idempotent. */
    void cancel();
}
