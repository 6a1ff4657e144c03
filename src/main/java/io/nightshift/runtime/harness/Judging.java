package io.nightshift.runtime.harness;

import io.nightshift.harness.DisclosedJudgment;
import io.nightshift.harness.DisclosedScenario;
import io.nightshift.harness.JudgeListener;
import io.nightshift.llm.CancellationToken;
import io.nightshift.llm.Middleware;
import io.nightshift.event.EventEmitter;
import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.state.Context;
import io.nightshift.runtime.agent.HarnessFeedback;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One judgment of one stage, the same for harness nodes and stages judged in place: snapshot the stage's working
 * tree as a commit, ask the {@link HarnessGateway}, turn its progress into events, store the judgment as
 * {@code harness/<n>.json} and decide whether the threshold is reached. Thread-safe.
 */
public final class Judging {

    /** How long a cancelled gateway gets to clean up (remove its judge containers) before the stage gives up on it. */
    static final long CANCEL_GRACE_MS = 10_000;

    /** Where a stage's files are, as git sees them. */
    public interface Snapshots {

        /** A commit of the stage's working tree as it is now (see {@code Workspace.snapshot}). */
        String snapshot(Context context, String subject);

        /** The working directory of the stage's repository. */
        Path repository(Context context);
    }

    /**
     * What came of it.
     *
     * @param threshold the threshold that decided (the node's, else the suite's)
     * @param number    the judgment's file number in {@code harness/}
     */
    public record Result(DisclosedJudgment judgment, double threshold, boolean reached, int number) {

        /** The context keys later stages and edge conditions read. */
        public Map<String, Object> contextUpdates() {
            Map<String, Object> updates = new LinkedHashMap<>();
            updates.put(HarnessFeedback.SUITE_KEY, judgment.suite());
            updates.put(HarnessFeedback.SATISFACTION_KEY, judgment.satisfaction());
            updates.put(HarnessFeedback.SATISFIED_KEY, reached);
            updates.put(HarnessFeedback.FEEDBACK_KEY, judgment.feedback() == null ? "" : judgment.feedback());
            return updates;
        }

        /**
         * E.g. {@code suite todo: satisfaction 50.0% (3/6 trials), threshold 100.0%}, then how sure the decision is
         * (the Wilson interval), the flaky scenarios and the judge errors, when there are any.
         */
        public String summary() {
            StringBuilder b = new StringBuilder("suite " + judgment.suite() + ": satisfaction "
                    + percent(judgment.satisfaction()) + " (" + judgment.satisfiedTrials() + "/"
                    + judgment.totalTrials() + " trials), threshold " + percent(threshold));
            if (judgment.estimate() != null && judgment.totalTrials() > 0) {
                b.append("; ").append(judgment.estimate().withThreshold(threshold).describe());
            }
            if (!judgment.flakyScenarios().isEmpty()) {
                b.append("; flaky: ").append(String.join(", ", judgment.flakyScenarios()));
            }
            if (judgment.judgeErrors() > 0) {
                b.append("; ").append(judgment.judgeErrors()).append(" judge error(s), not counted");
            }
            return b.toString();
        }
    }

    private final HarnessGateway gateway;
    private final Snapshots snapshots;
    private final String sandboxImage;
    private final Clock clock;
    private final Function<String, Middleware> metering;

    public Judging(HarnessGateway gateway, Snapshots snapshots, String sandboxImage, Clock clock) {
        this(gateway, snapshots, sandboxImage, clock, null);
    }

    /** @param metering for a stage's id, the middleware that counts its judge's model calls; null for none */
    public Judging(HarnessGateway gateway, Snapshots snapshots, String sandboxImage, Clock clock,
            Function<String, Middleware> metering) {
        this.gateway = gateway;
        this.snapshots = snapshots;
        this.sandboxImage = sandboxImage;
        this.clock = clock;
        this.metering = metering;
    }

    /**
     * Judges the stage {@code node} now. {@code round} is 0 for a harness node, 1, 2 ... for a stage judged in place.
     *
     * @throws InterruptedException when the run is cancelled or the stage times out meanwhile
     * @throws Exception            what the gateway threw (the stage fails with its message)
     */
    public Result judge(Node node, HarnessSettings settings, Context context, String runId, Path runDir,
            EventEmitter events, int round) throws Exception {
        String subject = "harness: " + node.id() + (round > 0 ? " round " + round : "") + " against suite "
                + settings.suite();
        String commit = snapshots.snapshot(context, subject);
        HarnessCall call = new HarnessCall(runId, node.id(), settings.suite(), snapshots.repository(context), commit,
                settings.trials(), settings.threshold(), sandboxImage, new CancellationToken(),
                metering == null ? null : metering.apply(node.id()), settings.gate(), settings.confidence(),
                settings.maxTrials());
        AtomicBoolean started = new AtomicBoolean();
        String id = node.id();
        JudgeListener listener = new JudgeListener() {
            @Override
            public void started(String suite, String version, String judged, int scenarios, int trials) {
                if (started.compareAndSet(false, true)) {
                    events.emit((run, seq, at) -> new PipelineEvent.HarnessStarted(run, seq, at, id, suite, version,
                            judged, scenarios, trials, round));
                }
            }

            @Override
            public void scenarioJudged(int index, DisclosedScenario s) {
                events.emit((run, seq, at) -> new PipelineEvent.ScenarioJudged(run, seq, at, id, settings.suite(),
                        index, s.label(), s.title(), s.story(), s.satisfiedTrials(), s.trials(),
                        s.failedKind() == null ? null : s.failedKind().wireName(), s.observed(), s.step(),
                        s.expected()));
            }
        };
        DisclosedJudgment judgment = call(call, listener);
        if (judgment == null) {
            throw new IllegalStateException("the scenario store returned no judgment for suite " + settings.suite());
        }
        if (started.compareAndSet(false, true)) {
            int scenarios = judgment.scenarios().size();
            int trials = scenarios == 0 ? 0 : judgment.totalTrials() / scenarios;
            events.emit((run, seq, at) -> new PipelineEvent.HarnessStarted(run, seq, at, id, judgment.suite(),
                    judgment.version(), judgment.commit(), scenarios, trials, round));
        }
        double threshold = settings.threshold() != null ? settings.threshold() : judgment.threshold();
        boolean reached = judgment.estimate() == null || judgment.threshold() != threshold
                ? judgment.totalTrials() > 0 && judgment.satisfaction() >= threshold
                : judgment.reached();
        int number = JudgmentFiles.write(runDir, id, round, judgment, reached, clock.instant());
        events.emit((run, seq, at) -> new PipelineEvent.HarnessCompleted(run, seq, at, id, judgment.suite(),
                judgment.version(), judgment.commit(), round, number, judgment.satisfiedTrials(),
                judgment.totalTrials(), judgment.satisfaction(), threshold, reached, judgment.feedback(),
                judgment.durationMs()));
        return new Result(judgment, threshold, reached, number);
    }

    /**
     * Runs the gateway on its own thread so that a cancel reaches it twice: as an interrupt and through the call's
     * cancellation token (for work that cannot see the interrupt, such as a request to a judge model).
     */
    private DisclosedJudgment call(HarnessCall call, JudgeListener listener) throws Exception {
        CompletableFuture<DisclosedJudgment> running = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().name("harness-" + call.nodeId()).start(() -> {
            try {
                running.complete(gateway.judge(call, listener));
            } catch (Throwable t) {
                running.completeExceptionally(t);
            }
        });
        try {
            return running.get();
        } catch (InterruptedException e) {
            call.cancellation().cancel();
            worker.interrupt();
            try {
                running.get(CANCEL_GRACE_MS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException | InterruptedException ignored) {
                // cancelled either way; the gateway cleans up on its own time
            }
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    static String percent(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
