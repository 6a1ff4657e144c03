package io.nightshift.pipeline.engine;

import io.nightshift.event.EventSink;
import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.graph.Durations;
import io.nightshift.pipeline.graph.HandlerTypes;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stops a run whose running stage reports no progress for {@code stall_timeout}: any event of the run (an agent's
 * tool call or text, a stage starting or ending) counts as progress. Armed only while a stage runs and no human
 * is being asked (a {@code wait.human} stage or an open question may wait for as long as it takes). On a stall
 * it cancels the run with the reason; the engine then ends it as {@link RunStatus#STALLED}.
 */
final class StallWatchdog implements EventSink {

    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

    private final Duration timeout;
    private final Cancellation cancellation;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger waitingForHuman = new AtomicInteger();
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile String stage = "";
    private volatile boolean stalled;
    private ScheduledFuture<?> check;

    StallWatchdog(Duration timeout, Cancellation cancellation) {
        this.timeout = timeout;
        this.cancellation = cancellation;
    }

    /** Starts checking on {@code timer}, a few times per timeout. A zero timeout disables the watchdog. */
    void start(ScheduledExecutorService timer) {
        if (timeout.isZero() || timeout.isNegative()) {
            return;
        }
        long period = Math.max(10, Math.min(timeout.toMillis() / 4, 5_000));
        check = timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    boolean stalled() {
        return stalled;
    }

    @Override
    public void accept(PipelineEvent event) {
        lastProgressNanos = System.nanoTime();
        switch (event) {
            case PipelineEvent.StageStarted e -> {
                stage = e.nodeId();
                running.incrementAndGet();
                if (HandlerTypes.WAIT_HUMAN.equals(e.handlerType())) {
                    waitingForHuman.incrementAndGet();
                }
            }
            case PipelineEvent.StageCompleted e -> ended(e.handlerType());
            case PipelineEvent.StageFailed e -> ended(e.handlerType());
            case PipelineEvent.InterviewStarted e -> waitingForHuman.incrementAndGet();
            case PipelineEvent.InterviewCompleted e -> waitingForHuman.decrementAndGet();
            case PipelineEvent.InterviewTimeout e -> waitingForHuman.decrementAndGet();
            default -> { }
        }
    }

    private void ended(String handlerType) {
        running.decrementAndGet();
        if (HandlerTypes.WAIT_HUMAN.equals(handlerType)) {
            waitingForHuman.decrementAndGet();
        }
    }

    private void check() {
        if (stalled || running.get() <= 0 || waitingForHuman.get() > 0) {
            return;
        }
        long quietMs = (System.nanoTime() - lastProgressNanos) / 1_000_000;
        if (quietMs >= timeout.toMillis()) {
            stalled = true;
            cancellation.cancel("stage '" + stage + "' made no progress for " + Durations.human(timeout)
                    + " (stall_timeout); raise stall_timeout on the graph or --stall-timeout if it is slow, not stuck");
            check.cancel(false);
        }
    }
}
