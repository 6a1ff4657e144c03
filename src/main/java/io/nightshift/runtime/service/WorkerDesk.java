package io.nightshift.runtime.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.run.AtomicFiles;
import io.nightshift.pipeline.run.Json;
import io.nightshift.pipeline.run.RunDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's side of remote runs (issue 18): the only door through which a worker writes anything for a run.
 * A worker {@link #claim claims} a dispatched run and gets a lease epoch; every later write carries that epoch and
 * is refused ({@link RunStateException}, HTTP 409) unless it is the run's current one, so a worker that comes
 * back after another took its run over writes nothing. Events land in the run's history and in the service's own
 * {@code events.jsonl}; the run directory's other files arrive as a {@link RunArchive} at each checkpoint and at the
 * end. Thread-safe.
 */
public final class WorkerDesk {

    /** Files of a run directory that are the service's own: a worker's upload never replaces them. */
    static final Set<String> SERVICE_FILES = Set.of(RunRegistry.SUBMISSION, RunRegistry.PIPELINE, WorkerLease.FILE,
            RunDirectory.EVENTS, RunDirectoryQueueStore.ENTRY);
    /** Files a worker does not get back: who holds the lease, and the queue's record. */
    static final Set<String> PRIVATE_FILES = Set.of(WorkerLease.FILE, RunDirectoryQueueStore.ENTRY);
    /** Largest run directory a worker may upload, in bytes (uncompressed). */
    static final long MAX_UPLOAD_BYTES = 2L << 30;

    /**
     * What a worker gets for a claim.
     *
     * @param epoch the lease epoch every later write must carry
     * @param resume the service holds a checkpoint: fetch the run directory and resume from it
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Claim(String runId, long epoch, boolean resume, RunSubmission submission, String dot) {
    }

    private final RunRegistry registry;
    private final Map<String, WorkerLease> leases = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    WorkerDesk(RunRegistry registry) {
        this.registry = registry;
    }

    /** A new dispatch of {@code run}: the older tickets and leases become stale. */
    RunTicket dispatch(ManagedRun run) {
        synchronized (lock(run.id())) {
            WorkerLease next = lease(run).dispatched();
            save(run, next);
            String dot;
            try {
                dot = Files.readString(run.dir().resolve(RunRegistry.PIPELINE), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the pipeline of run " + run.id(), e);
            }
            return new RunTicket(run.id(), next.dispatch(), run.submission(), dot);
        }
    }

    /** Fences every worker of {@code run} (a restarted service redispatches or lists it). */
    void fence(ManagedRun run) {
        synchronized (lock(run.id())) {
            WorkerLease l = lease(run);
            if (l.dispatch() > 0) {
                save(run, l.fenced());
            }
        }
    }

    /**
     * Hands {@code worker} the lease of run {@code id} for its ticket of dispatch {@code dispatch}.
     *
     * @throws RunStateException when the run has ended or the ticket is not the run's latest dispatch (the worker
     *         drops the message)
     */
    public Claim claim(String id, long dispatch, String worker) {
        ManagedRun run = registry.get(id);
        synchronized (lock(id)) {
            WorkerLease l = lease(run);
            if (l.ended() || run.state().terminal()) {
                throw new RunStateException("run '" + id + "' has already ended (" + run.state().wireName()
                        + "); drop its message", run.state());
            }
            if (l.dispatch() != dispatch) {
                throw new RunStateException("ticket " + dispatch + " of run '" + id + "' is stale: the run was"
                        + " dispatched again as " + l.dispatch() + "; drop this message", run.state());
            }
            WorkerLease claimed = l.claimed(worker == null ? "" : worker);
            save(run, claimed);
            boolean resume = Files.exists(run.dir().resolve("checkpoint.json"));
            String dot;
            try {
                dot = Files.readString(run.dir().resolve(RunRegistry.PIPELINE), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the pipeline of run " + id, e);
            }
            return new Claim(id, claimed.epoch(), resume, run.submission(), dot);
        }
    }

    /**
     * Takes events of run {@code id} as JSON lines (those already seen, by seq, are skipped).
     *
     * @return whether a cancel was asked for (the worker stops the run)
     * @throws RunStateException when {@code epoch} is not the current lease
     * @throws InvalidSubmissionException when a line is not a pipeline event
     */
    public boolean events(String id, long epoch, List<String> lines) {
        ManagedRun run = registry.get(id);
        synchronized (lock(id)) {
            check(run, epoch);
            Path file = run.dir().resolve(RunDirectory.EVENTS);
            for (String line : lines) {
                PipelineEvent event;
                try {
                    event = Json.mapper().readValue(line, PipelineEvent.class);
                } catch (IOException | RuntimeException e) {
                    throw new InvalidSubmissionException("not a pipeline event: " + abbreviate(line));
                }
                if (event.seq() <= run.history().lastSeq()) {
                    continue;
                }
                try {
                    Files.write(file, (line.strip() + "\n").getBytes(StandardCharsets.UTF_8),
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot record an event of run " + id, e);
                }
                run.accept(event);
            }
            return run.cancelRequested();
        }
    }

    /**
     * Stores the run directory a worker sends (its checkpoint, stage files, workspace), over the service's copy.
     *
     * @throws RunStateException when {@code epoch} is not the current lease
     */
    public void receiveFiles(String id, long epoch, InputStream archive) {
        ManagedRun run = registry.get(id);
        synchronized (lock(id)) {
            check(run, epoch);
            try {
                RunArchive.extract(archive, run.dir(), SERVICE_FILES, MAX_UPLOAD_BYTES);
            } catch (IOException e) {
                throw new InvalidSubmissionException("cannot store the run directory of '" + id + "': "
                        + e.getMessage());
            }
        }
    }

    /** @throws RunStateException when {@code epoch} is not the current lease of run {@code id} */
    public void checkLease(String id, long epoch) {
        ManagedRun run = registry.get(id);
        synchronized (lock(id)) {
            check(run, epoch);
        }
    }

    /** Writes the run directory the service holds, for the lease holder to resume from. */
    public void sendFiles(String id, long epoch, OutputStream out) throws IOException {
        ManagedRun run = registry.get(id);
        synchronized (lock(id)) {
            check(run, epoch);
            RunArchive.write(run.dir(), out, PRIVATE_FILES);
        }
    }

    /**
     * Records how the run ended; after this nothing more is accepted for it.
     *
     * @throws RunStateException when {@code epoch} is not the current lease
     * @throws InvalidSubmissionException when {@code state} is not a terminal state
     */
    public void end(String id, long epoch, String state, String failure) {
        ManagedRun run = registry.get(id);
        RunState end = RunState.ofWireName(state).filter(s -> s.terminal() && s != RunState.INTERRUPTED)
                .orElseThrow(() -> new InvalidSubmissionException("'" + state + "' is not how a run ends; use"
                        + " succeeded, failed, cancelled, budget_exhausted or stalled"));
        synchronized (lock(id)) {
            WorkerLease l = check(run, epoch);
            save(run, l.end());
            run.endRemote(end, failure);
            registry.recordEnd(run);
        }
    }

    /** Who holds the lease of each run that has one (for {@code GET /workers}). */
    public Map<String, String> holders() {
        Map<String, String> out = new java.util.TreeMap<>();
        leases.forEach((id, l) -> {
            if (!l.ended() && !l.worker().isEmpty()) {
                out.put(id, l.worker());
            }
        });
        return out;
    }

    private WorkerLease check(ManagedRun run, long epoch) {
        WorkerLease l = lease(run);
        if (l.ended() || l.epoch() != epoch) {
            throw new RunStateException("lease epoch " + epoch + " of run '" + run.id() + "' is stale (the"
                    + " current one is " + l.epoch() + (l.ended() ? ", and the run has ended" : "")
                    + "): another worker took the run over; this one must stop writing for it", run.state());
        }
        return l;
    }

    private WorkerLease lease(ManagedRun run) {
        return leases.computeIfAbsent(run.id(), id -> {
            Path file = run.dir().resolve(WorkerLease.FILE);
            try {
                return Files.exists(file) ? Json.mapper().readValue(file.toFile(), WorkerLease.class)
                        : WorkerLease.NONE;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        });
    }

    private void save(ManagedRun run, WorkerLease l) {
        try {
            AtomicFiles.write(run.dir().resolve(WorkerLease.FILE), Json.mapper().writeValueAsBytes(l), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the lease of run " + run.id(), e);
        }
        leases.put(run.id(), l);
    }

    private Object lock(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
