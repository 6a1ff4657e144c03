package io.nightshift.runtime;

import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.handler.CodergenBackend;
import io.nightshift.pipeline.handler.CodergenResult;
import io.nightshift.pipeline.handler.StageCall;
import io.nightshift.pipeline.handler.WorkspaceHooks;
import io.nightshift.pipeline.state.Context;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.pipeline.state.StageStatus;
import io.nightshift.runtime.agent.SpendGate;
import io.nightshift.sandbox.ExecutionEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Candidates (issue 19): a codergen stage with {@code candidates=N} ({@link CandidateSettings}) runs N independent
 * attempts of the wrapped backend, each in its own worktree and sandbox (a workspace scope, as a parallel branch
 * gets) and each iterating with the held-out feedback as a single attempt does. Each candidate's work is committed
 * in its worktree and kept on a side ref {@code refs/nightshift/<run>/candidates/<n>}; the winner has the highest
 * lower confidence bound of satisfaction, ties broken by cost (then by number), and its commits are merged into
 * the stage's own scope (a fast-forward: all candidates start from the same commit). Candidates record their spend
 * under the stage's node, so the node's budget is theirs together; once a budget is reached, the running ones stop
 * at their next model call and the waiting ones do not start. A confident pass stops the others early.
 *
 * <p>Stages without candidates go straight to the wrapped backend.
 */
final class CandidatesBackend implements CodergenBackend, AutoCloseable {

    /** The file a simulated candidate commits, so each one's work differs and the winner's shows on the branch. */
    static final String SIMULATED_MARKER = "nightshift-candidate.txt";

    private final CodergenBackend inner;
    private final WorkspaceHooks hooks;
    private final RunWorkspace workspace;
    private final SpendGate spend;

    /**
     * @param hooks     opens, commits and closes the candidates' worktrees and their sandboxes (the engine's hooks)
     * @param workspace keeps the candidates' side refs
     * @param spend     tells what each candidate spent and whether a budget is reached
     */
    CandidatesBackend(CodergenBackend inner, WorkspaceHooks hooks, RunWorkspace workspace, SpendGate spend) {
        this.inner = inner;
        this.hooks = hooks;
        this.workspace = workspace;
        this.spend = spend == null ? SpendGate.NONE : spend;
    }

    @Override
    public boolean simulates() {
        return inner.simulates();
    }

    @Override
    public CodergenResult run(StageCall call) throws Exception {
        CandidateSettings settings = CandidateSettings.of(call.node());
        if (!settings.several()) {
            return inner.run(call);
        }
        int n = settings.count();
        CandidateAttempt[] attempts = new CandidateAttempt[n];
        String[] scopes = new String[n];
        Context[] contexts = new Context[n];
        AtomicInteger stoppedBy = new AtomicInteger();
        Semaphore permits = new Semaphore(settings.parallel());
        AtomicReferenceArray<Future<?>> running = new AtomicReferenceArray<>(n);
        boolean interrupted = false;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                // candidates start in their order, at most candidates.parallel at a time
                for (int i = 0; i < n; i++) {
                    int index = i + 1;
                    permits.acquire();
                    if (stoppedBy.get() > 0) {
                        permits.release();
                        continue;
                    }
                    running.set(i, pool.submit(() -> {
                        try {
                            attempts[index - 1] = attempt(call, settings, index, scopes, contexts, stoppedBy,
                                    running);
                        } finally {
                            permits.release();
                        }
                        return null;
                    }));
                }
                for (int i = 0; i < n; i++) {
                    if (running.get(i) != null) {
                        awaitQuietly(running.get(i));
                    }
                }
            } catch (InterruptedException e) {
                interrupted = true;
                for (int i = 0; i < n; i++) {
                    if (running.get(i) != null) {
                        running.get(i).cancel(true);
                    }
                }
            }
        }
        List<CandidateAttempt> closed = close(call, settings, attempts, scopes, contexts, stoppedBy.get());
        if (interrupted) {
            throw new InterruptedException("stage " + call.node().id() + " cancelled while its candidates ran");
        }
        return decide(call, closed, stoppedBy.get());
    }

    /** One candidate, on its own thread; never throws (what went wrong is its result). */
    private CandidateAttempt attempt(StageCall call, CandidateSettings settings, int index, String[] scopes,
            Context[] contexts, AtomicInteger stoppedBy, AtomicReferenceArray<Future<?>> running) {
        Node node = settings.variant(call.node(), index);
        String provider = node.attrs().get("llm_provider").orElse("");
        String model = node.attrs().get("llm_model").orElse("");
        try {
            if (stoppedBy.get() > 0) {
                return CandidateAttempt.without(index, provider, model, "not_started", stopReason(stoppedBy.get()));
            }
            if (spend.breach().isPresent()) {
                return CandidateAttempt.without(index, provider, model, "not_started",
                        "budget exhausted before it started: " + spend.breach().get());
            }
            Context context = call.context().copy();
            String scope = hooks.openBranch(call.node().id(), "candidate-" + index, call.context());
            scopes[index - 1] = scope;
            if (!scope.isEmpty()) {
                context.set(WorkspaceHooks.SCOPE_KEY, scope);
            }
            contexts[index - 1] = context;
            call.events().emit((run, seq, at) -> new PipelineEvent.CandidateStarted(run, seq, at, call.node().id(),
                    index, settings.count(), provider, model));
            if (inner.simulates()) {
                mark(node, context, index, settings.count());
            }
            // no thread key: a candidate's session is its own, never shared with the others or later stages
            CodergenResult result = inner.run(new StageCall(node, call.prompt(), call.stageDir(), call.fidelity(),
                    null, call.toolHooks(), call.events(), context, call.run()));
            CandidateAttempt done = CandidateAttempt.finished(index, provider, model, result);
            if (stops(settings, done) && stoppedBy.compareAndSet(0, index)) {
                for (int i = 0; i < running.length(); i++) {
                    Future<?> other = running.get(i);
                    if (i != index - 1 && other != null) {
                        other.cancel(true);
                    }
                }
            }
            return done;
        } catch (InterruptedException e) {
            return CandidateAttempt.without(index, provider, model, "stopped", stopReason(stoppedBy.get()));
        } catch (Exception e) {
            if (stoppedBy.get() > 0 && stoppedBy.get() != index) {
                // an early stop interrupted it in the middle of something that reports interrupts as failures
                return CandidateAttempt.without(index, provider, model, "stopped", stopReason(stoppedBy.get()));
            }
            return CandidateAttempt.without(index, provider, model, StageStatus.FAIL.wireName(),
                    "candidate crashed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private static boolean stops(CandidateSettings settings, CandidateAttempt done) {
        return switch (settings.earlyStop()) {
            case CONFIDENT -> done.confident();
            case SATISFIED -> done.satisfied();
            case NEVER -> false;
        };
    }

    private static String stopReason(int winner) {
        return winner > 0 ? "stopped early: candidate " + winner + " reached the threshold" : "stopped: the stage was"
                + " cancelled";
    }

    /** Simulate mode: each candidate commits its own marker, so the candidates differ as real ones would. */
    private void mark(Node node, Context context, int index, int count) {
        ExecutionEnvironment env = hooks.environment(node, context);
        if (env != null) {
            env.writeFile(SIMULATED_MARKER, "candidate " + index + " of " + count + " for stage " + node.id()
                    + " (simulated)\n");
        }
    }

    /**
     * On the stage's thread, with every candidate ended: commits each one's worktree, notes what it spent, keeps
     * its head on a side ref and removes the worktree and its sandbox.
     */
    private List<CandidateAttempt> close(StageCall call, CandidateSettings settings, CandidateAttempt[] attempts,
            String[] scopes, Context[] contexts, int stoppedBy) {
        boolean interrupted = Thread.interrupted();
        List<CandidateAttempt> out = new ArrayList<>();
        try {
            for (int i = 0; i < attempts.length; i++) {
                CandidateAttempt a = attempts[i] != null ? attempts[i] : CandidateAttempt.without(i + 1, "", "",
                        "not_started", stopReason(stoppedBy));
                if (scopes[i] == null) {
                    out.add(a);
                    continue;
                }
                Node node = settings.variant(call.node(), i + 1);
                Outcome committed = a.outcome();
                String head = "";
                String ref = "";
                try {
                    committed = hooks.afterStage(node, 1, contexts[i], a.outcome().withNotes("candidate " + (i + 1)
                            + " of " + settings.count() + (a.outcome().notes().isEmpty() ? ""
                            : ": " + a.outcome().notes())));
                } catch (Exception e) {
                    committed = Outcome.fail("committing candidate " + (i + 1) + " failed: " + e.getMessage());
                } finally {
                    head = hooks.closeBranch(scopes[i]);
                }
                if (!head.isEmpty()) {
                    ref = workspace.keepCandidate(head);
                }
                CandidateAttempt c = a.closed(committed, spend.spentIn(scopes[i]), head, ref);
                out.add(c);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        for (CandidateAttempt c : out) {
            call.events().emit((run, seq, at) -> new PipelineEvent.CandidateCompleted(run, seq, at, call.node().id(),
                    c.index(), c.status(), c.satisfaction().orElse(null), c.lowerBound().orElse(null), c.spend(),
                    c.commit(), c.ref(), c.reason()));
        }
        return out;
    }

    private CodergenResult decide(StageCall call, List<CandidateAttempt> candidates, int stoppedBy) throws Exception {
        String nodeId = call.node().id();
        CandidateAttempt winner = CandidateRanking.best(candidates).orElse(null);
        String why = CandidateRanking.explain(winner, candidates, stoppedBy);
        CandidatesReport.append(call.stageDir().toAbsolutePath().getParent(), nodeId, candidates, winner, why);
        int won = winner == null ? 0 : winner.index();
        call.events().emit((run, seq, at) -> new PipelineEvent.CandidatesDecided(run, seq, at, nodeId, won,
                candidates.size(), stoppedBy > 0, why));
        Map<String, Object> updates = new LinkedHashMap<>();
        updates.put("candidates.count", candidates.size());
        updates.put("candidates.winner", won);
        updates.put("candidates.results", candidates.stream().map(CandidateAttempt::toMap).toList());
        if (winner == null) {
            return CodergenResult.status(Outcome.fail("no candidate of " + nodeId + " finished: " + why)
                    .withContextUpdates(updates));
        }
        Outcome merged = winner.commit().isEmpty() ? Outcome.success()
                : hooks.merge(call.node(), "candidate-" + won, winner.commit(), call.context());
        if (merged.status() == StageStatus.FAIL) {
            return CodergenResult.status(merged.withContextUpdates(updates));
        }
        Outcome own = winner.outcome();
        Outcome decided = (own.status() == StageStatus.SUCCESS && own.notes().isEmpty()
                ? Outcome.success("Stage completed: " + nodeId) : own)
                .withContextUpdates(updates);
        decided = decided.withNotes(why + (decided.notes().isEmpty() ? "" : "; " + decided.notes()));
        CodergenResult result = winner.result().orElseThrow();
        return result.response().isPresent() ? CodergenResult.decided(result.response().get(), decided)
                : CodergenResult.status(decided);
    }

    private static void awaitQuietly(Future<?> f) throws InterruptedException {
        try {
            f.get();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
            // a cancelled or failed candidate recorded its own result
        }
    }

    @Override
    public void close() throws Exception {
        if (inner instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
