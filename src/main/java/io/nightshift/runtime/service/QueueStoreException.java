package io.nightshift.runtime.service;

/** The queue's store cannot be taken, read or written: the service cannot promise to keep a job. */
public final class QueueStoreException extends RuntimeException {

    public QueueStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
