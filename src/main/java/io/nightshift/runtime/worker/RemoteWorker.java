package io.nightshift.runtime.worker;

import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.human.Answer;
import io.nightshift.pipeline.human.AutoApproveInterviewer;
import io.nightshift.pipeline.human.Interviewer;
import io.nightshift.pipeline.run.AtomicFiles;
import io.nightshift.pipeline.run.Json;
import io.nightshift.runtime.PipelineLoader;
import io.nightshift.runtime.RunLauncher;
import io.nightshift.runtime.RunRequest;
import io.nightshift.runtime.service.RunRequests;
import io.nightshift.runtime.service.RunSubmission;
import io.nightshift.runtime.service.RunTicket;
import io.nightshift.runtime.service.WorkerDesk;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Runs one ticket from the broker on this machine (issue 18) and says whether its message may be acknowledged:
 * only once the run is terminal and the service holds its results, or when the ticket is not this worker's to run
 * (stale, ended, taken over). Otherwise the message goes back to the queue and a worker resumes the run from the
 * last checkpoint the service holds. Thread-safe: one call per slot at a time.
 */
public final class RemoteWorker {

    private static final Logger LOG = Logger.getLogger(RemoteWorker.class.getName());

    /** What to do with the ticket's message. */
    public enum Outcome {
        /** Done with it: the run ended and the service knows, or it is not this worker's to run. */
        ACK,
        /** Give it back: the service could not be reached, or this worker is stopping. */
        REQUEUE
    }

    private final ServiceClient service;
    private final Path workDir;
    private final String identity;
    private final Map<String, String> environment;
    private final AtomicInteger running = new AtomicInteger();
    private final Duration retryPause;

    /**
     * @param service the service's base URL
     * @param token a bearer token the service accepts (empty on an open loopback service)
     * @param workDir where this worker keeps its runs' directories while it runs them
     * @param identity how the service names this worker (host and process)
     * @param environment the process environment for stages (provider keys reach only this worker's runs)
     */
    public RemoteWorker(URI service, String token, Path workDir, String identity, Map<String, String> environment) {
        this(service, token, workDir, identity, environment, Duration.ofSeconds(2));
    }

    RemoteWorker(URI service, String token, Path workDir, String identity, Map<String, String> environment,
            Duration retryPause) {
        this.service = new ServiceClient(service, token);
        this.workDir = workDir.toAbsolutePath().normalize();
        this.identity = identity;
        this.environment = Map.copyOf(environment);
        this.retryPause = retryPause;
    }

    /** How many runs this worker is running now. */
    public int running() {
        return running.get();
    }

    public String identity() {
        return identity;
    }

    /** Runs the ticket in {@code message} (a {@link RunTicket} as JSON). */
    public Outcome run(String message) {
        RunTicket ticket;
        try {
            ticket = Json.mapper().readValue(message, RunTicket.class);
        } catch (IOException e) {
            LOG.warning("dropping a message that is not a run ticket: " + e.getMessage());
            return Outcome.ACK;
        }
        WorkerDesk.Claim claim;
        try {
            claim = service.claim(ticket.runId(), ticket.dispatch(), identity);
        } catch (FencedException e) {
            LOG.info("not running " + ticket.runId() + ": " + e.getMessage());
            return Outcome.ACK;
        } catch (IOException e) {
            LOG.warning("cannot claim " + ticket.runId() + " (" + e.getMessage() + "); it goes back to the queue");
            pause();
            return Outcome.REQUEUE;
        }
        running.incrementAndGet();
        try {
            return execute(claim);
        } finally {
            running.decrementAndGet();
        }
    }

    private Outcome execute(WorkerDesk.Claim claim) {
        Path dir = workDir.resolve(claim.runId()).resolve(String.valueOf(claim.epoch()));
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
            if (claim.resume()) {
                service.getFiles(claim.runId(), claim.epoch(), dir);
            }
            AtomicFiles.writeString(dir.resolve("pipeline.dot"), claim.dot(), true);
        } catch (FencedException e) {
            return Outcome.ACK;
        } catch (IOException | RuntimeException e) {
            LOG.warning("cannot prepare " + claim.runId() + " (" + e.getMessage() + "); it goes back to the queue");
            pause();
            return Outcome.REQUEUE;
        }
        RunSubmission s = onThisMachine(claim.submission());
        RunLauncher launcher = new RunLauncher(new PipelineLoader(), environment, Clock.systemUTC());
        EventRelay relay = new EventRelay(service, claim.runId(), claim.epoch(), dir, launcher::cancel);
        RunRequest request = RunRequests.of(s, dir, claim.runId(), claim.resume());
        // a human gate on a worker is not relayed yet (docs/workers.md): it times out unless the run auto-approves
        Interviewer interviewer = s.autoApprove() ? new AutoApproveInterviewer() : q -> Answer.timeout();
        String state;
        String failure;
        try {
            if (!RunRequests.handedOver(s)) {
                Files.createDirectories(RunRequests.workspace(s, dir));
            }
            RunResult result = launcher.run(request, launcher.plan(request), interviewer, List.of(relay));
            state = switch (result.status()) {
                case SUCCESS -> "succeeded";
                case FAIL -> "failed";
                case CANCELLED -> "cancelled";
                case BUDGET_EXHAUSTED -> "budget_exhausted";
                case STALLED -> "stalled";
            };
            failure = result.failureReason();
        } catch (IOException | RuntimeException e) {
            state = "failed";
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        if (relay.fenced() != null) {
            LOG.info("run " + claim.runId() + " was taken over; this worker wrote nothing more for it");
            return Outcome.ACK;
        }
        if (Thread.currentThread().isInterrupted()) {
            // the worker is stopping: the run stopped where it was, the next worker resumes it
            return Outcome.REQUEUE;
        }
        return report(claim, dir, relay, state, failure);
    }

    /** Hands the results to the service; a few tries, then the message goes back (the run resumes elsewhere). */
    private Outcome report(WorkerDesk.Claim claim, Path dir, EventRelay relay, String state, String failure) {
        for (int attempt = 1; ; attempt++) {
            try {
                relay.flush();
                service.putFiles(claim.runId(), claim.epoch(), dir, EventRelay.LOCAL_FILES);
                service.end(claim.runId(), claim.epoch(), state, failure);
                deleteTree(dir);
                return Outcome.ACK;
            } catch (FencedException e) {
                return Outcome.ACK;
            } catch (IOException e) {
                if (attempt >= 5) {
                    LOG.warning("cannot hand " + claim.runId() + " back to the service (" + e.getMessage()
                            + "); it goes back to the queue");
                    return Outcome.REQUEUE;
                }
                pause();
            }
        }
    }

    /** The run's workspace is its own directory here: a path on the service's machine means nothing on this one. */
    private static RunSubmission onThisMachine(RunSubmission s) {
        return new RunSubmission(s.kind(), s.dot(), s.name(), s.simulate(), s.autoApprove(), s.goal(), s.settings(),
                null, s.repository(), s.ref(), s.sandbox(), s.model(), s.allowLocalHoldout(), s.provider(),
                s.pullRequest(), s.bounds());
    }

    private void pause() {
        try {
            Thread.sleep(retryPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
