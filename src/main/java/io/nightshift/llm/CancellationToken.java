package io.nightshift.llm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A cooperative abort signal (unified-llm-spec 4.7). Cancelling runs every registered listener once, on the
 * cancelling thread; listeners must be quick and must not throw. The reason is the exception the aborted
 * call raises: an {@link AbortException} for a user abort, a {@link RequestTimeoutException} for a timeout.
 */
public final class CancellationToken {

    /** A token that is never cancelled. */
    public static final CancellationToken NONE = new CancellationToken();

    private final AtomicReference<LlmException> reason = new AtomicReference<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Runnable detach = () -> { };

    public void cancel() {
        cancel(new AbortException("the request was cancelled"));
    }

    public void cancel(LlmException why) {
        if (this == NONE || !reason.compareAndSet(null, why)) {
            return;
        }
        for (Runnable listener : listeners) {
            listener.run();
        }
    }

    public boolean isCancelled() {
        return reason.get() != null;
    }

    /** The exception describing the cancellation, or null while not cancelled. */
    public LlmException reason() {
        return reason.get();
    }

    /** Throws the cancellation reason if cancelled. */
    public void throwIfCancelled() {
        LlmException why = reason.get();
        if (why != null) {
            throw why;
        }
    }

    /** Registers a listener; runs it at once when already cancelled. Returns a handle that unregisters it. */
    public Runnable onCancel(Runnable listener) {
        if (this == NONE) {
            return () -> { };
        }
        listeners.add(listener);
        if (isCancelled()) {
            listener.run();
        }
        return () -> listeners.remove(listener);
    }

    /**
     * A token cancelled whenever this one is, which can also be cancelled on its own. Call {@link #release()} on
     * the child when its work is done, so a long-lived parent does not keep it.
     */
    public CancellationToken child() {
        CancellationToken child = new CancellationToken();
        child.detach = onCancel(() -> child.cancel(reason()));
        return child;
    }

    /** Unlinks this child from its parent (no effect on other tokens); idempotent. */
    public void release() {
        detach.run();
    }
}
