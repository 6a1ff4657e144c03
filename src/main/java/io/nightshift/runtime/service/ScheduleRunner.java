package io.nightshift.runtime.service;

import io.nightshift.event.Trigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Submits each {@link Schedule}'s job at its due times (issue 17). Each {@link #tick()} looks, per schedule, for due
 * times after the last one it handled ({@link TriggerStore}, so a restart neither loses nor repeats one):
 * <ul>
 * <li>a schedule seen for the first time starts counting from now (it does not fire for the past);</li>
 * <li>on the first tick of a service, due times that passed while it was down fire once, for the latest of them
 *     ({@code missed=run-once}, the default) or are recorded as skipped ({@code missed=skip});</li>
 * <li>later, several due times passed within one tick fire once, for the latest.</li>
 * </ul>
 * The due time is recorded (synced) before the job is submitted: a crash in between loses that one run rather than
 * submitting it twice. A refused job is recorded with why, and the schedule goes on. Plain Java; the clock is
 * injected so tests move time instead of waiting; thread-safe (ticks are serialised).
 */
public final class ScheduleRunner implements AutoCloseable {

    private final List<Schedule> schedules;
    private final JobIntake intake;
    private final SubmissionGate gate;
    private final RunRegistry registry;
    private final TriggerStore store;
    private final Clock clock;
    private boolean started;
    private ScheduledExecutorService timer;

    public ScheduleRunner(List<Schedule> schedules, JobIntake intake, SubmissionGate gate, RunRegistry registry,
            TriggerStore store, Clock clock) {
        this.schedules = List.copyOf(schedules);
        this.intake = intake;
        this.gate = gate;
        this.registry = registry;
        this.store = store;
        this.clock = clock;
    }

    /** What one tick did for one schedule: a run submitted, a due time skipped, or a refusal. */
    public record Firing(String schedule, Instant dueAt, String runId, String note) {
    }

    /** Handles the due times up to now; returns what it did, in schedule order (empty when nothing was due). */
    public synchronized List<Firing> tick() {
        Instant now = clock.instant();
        boolean first = !started;
        started = true;
        List<Firing> done = new ArrayList<>();
        for (Schedule schedule : schedules) {
            try {
                tick(schedule, now, first).ifPresent(done::add);
            } catch (RuntimeException e) {
                // one unreadable state file or full disk must not stop the other schedules
                done.add(new Firing(schedule.name(), null, null, "failed: " + e.getMessage()));
            }
        }
        return done;
    }

    private Optional<Firing> tick(Schedule schedule, Instant now, boolean first) {
        Optional<TriggerStore.Fired> last = store.lastFired(schedule.name());
        if (last.isEmpty()) {
            store.recordFired(new TriggerStore.Fired(schedule.name(), now, now, null,
                    "first seen: fires from the next due time"));
            return Optional.empty();
        }
        Optional<Instant> next = schedule.nextAfter(last.get().dueAt());
        if (next.isEmpty() || next.get().isAfter(now)) {
            return Optional.empty();
        }
        Instant due = schedule.lastAtOrBefore(now).orElse(next.get());
        if (first && !schedule.runMissed()) {
            String note = "skipped: missed while the service was down (missed=skip)";
            store.recordFired(new TriggerStore.Fired(schedule.name(), due, now, null, note));
            return Optional.of(new Firing(schedule.name(), due, null, note));
        }
        store.recordFired(new TriggerStore.Fired(schedule.name(), due, now, null, "submitting"));
        String runId = null;
        String note;
        try {
            RunSubmission submission = intake.toSubmission(schedule.job())
                    .withTrigger(Trigger.schedule(schedule.name(), due));
            gate.check(submission);
            runId = registry.submit(submission, schedule.owner()).id();
            note = "submitted";
        } catch (RuntimeException e) {
            note = "refused: " + e.getMessage();
        }
        store.recordFired(new TriggerStore.Fired(schedule.name(), due, now, runId, note));
        return Optional.of(new Firing(schedule.name(), due, runId, note));
    }

    /** Ticks every {@code every} on a daemon thread until {@link #close()}; the first tick is at once. */
    public synchronized void start(Duration every) {
        if (timer != null || schedules.isEmpty()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nightshift-schedules");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
