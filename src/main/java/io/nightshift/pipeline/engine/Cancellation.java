package io.nightshift.pipeline.engine;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The cancel switch of one run: interrupts every thread that is inside a handler right now and wakes every retry
 * wait. Threads are interrupted only while registered, so engine bookkeeping (checkpoint writes) never sees an
 * interrupt meant for a handler.
 */
final class Cancellation {

    /** A thread inside a handler; interruptible by a cancel or a timeout until closed. */
    static final class Active {
        private final Thread thread;
        private boolean open = true;
        private boolean interrupted;

        private Active(Thread thread) {
            this.thread = thread;
        }

        synchronized boolean interrupt() {
            if (!open) {
                return false;
            }
            interrupted = true;
            thread.interrupt();
            return true;
        }

        /** Stops further interrupts; clears the flag when one of ours arrived, so it does not leak. */
        synchronized void close() {
            open = false;
            if (interrupted) {
                Thread.interrupted();
            }
        }
    }

    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final Set<Active> active = ConcurrentHashMap.newKeySet();
    private volatile String reason = "";

    void cancel(String why) {
        if (isCancelled()) {
            return;
        }
        reason = why;
        cancelled.countDown();
        active.forEach(Active::interrupt);
    }

    boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    String reason() {
        return reason;
    }

    Active enter() {
        Active a = new Active(Thread.currentThread());
        active.add(a);
        if (isCancelled()) {
            a.interrupt();
        }
        return a;
    }

    void exit(Active a) {
        active.remove(a);
        a.close();
    }

    /** Sleeps unless cancelled first; returns early on cancel. */
    void sleep(Duration d) throws InterruptedException {
        cancelled.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }
}
