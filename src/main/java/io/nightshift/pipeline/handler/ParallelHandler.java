package io.nightshift.pipeline.handler;

import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.state.Context;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.pipeline.state.StageStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Fan-out (attractor-spec 4.8). Every unconditional outgoing edge is a branch (conditional edges stay available
 * for failure routing), run with an isolated copy of the context, at most {@code max_parallel} (default 4) at a
 * time. {@code join_policy}: {@code wait_all} (default; SUCCESS when none failed, else PARTIAL_SUCCESS) or
 * {@code first_success} (SUCCESS as soon as one branch succeeds, the others are cancelled; FAIL when none does).
 * Context updates: {@code parallel.results} (list of {@link BranchResult#toMap()}), {@code parallel.success_count},
 * {@code parallel.failure_count} (also as {@code parallel.fail_count}), {@code parallel.branch.<id>.status} (and
 * {@code .failure_reason} when it failed) for each branch, and {@code parallel.join_node}, where the engine continues. With
 * {@link WorkspaceHooks}, each branch works in its own workspace scope; the commit it ended at is recorded as
 * {@code workspace_commit} in its result and in {@code parallel.commits} (branch id to commit).
 */
public final class ParallelHandler implements Handler {

    public static final String JOIN_NODE_KEY = "parallel.join_node";

    /** The field of a branch's entry in {@code parallel.results} holding the commit the branch ended at. */
    public static final String COMMIT_FIELD = "workspace_commit";

    private final WorkspaceHooks workspace;

    public ParallelHandler() {
        this(WorkspaceHooks.NONE);
    }

    public ParallelHandler(WorkspaceHooks workspace) {
        this.workspace = workspace == null ? WorkspaceHooks.NONE : workspace;
    }

    @Override
    public Outcome execute(StageContext stage) throws InterruptedException {
        String nodeId = stage.node().id();
        List<Edge> branches = stage.graph().outgoing(nodeId).stream().filter(e -> !e.hasCondition()).toList();
        if (branches.isEmpty()) {
            return Outcome.fail("parallel node '" + nodeId + "' has no unconditional outgoing edges to fan out to");
        }
        String policy = stage.node().attrs().string("join_policy", "wait_all").strip();
        if (!policy.equals("wait_all") && !policy.equals("first_success")) {
            return Outcome.fail("parallel node '" + nodeId + "' has join_policy='" + policy
                    + "'; supported: wait_all, first_success");
        }
        int maxParallel = Math.max(1, stage.node().attrs().integer("max_parallel").orElse(4));
        stage.events().emit((run, seq, at) -> new PipelineEvent.ParallelStarted(run, seq, at, nodeId,
                branches.size(), policy));
        long started = System.nanoTime();
        String[] commits = new String[branches.size()];
        BranchResult[] results = runAll(stage, branches, maxParallel, policy.equals("first_success"), commits);
        long ms = (System.nanoTime() - started) / 1_000_000;

        int success = 0;
        int failure = 0;
        List<Map<String, Object>> serialised = new ArrayList<>();
        String join = "";
        Map<String, Object> commitsById = new LinkedHashMap<>();
        Map<String, Object> perBranch = new LinkedHashMap<>();
        for (int i = 0; i < results.length; i++) {
            BranchResult r = results[i];
            success += r.status().isSuccess() ? 1 : 0;
            failure += r.status() == StageStatus.FAIL ? 1 : 0;
            Map<String, Object> entry = r.toMap();
            if (commits[i] != null && !commits[i].isEmpty()) {
                entry.put(COMMIT_FIELD, commits[i]);
                commitsById.put(r.id(), commits[i]);
            }
            serialised.add(entry);
            perBranch.put("parallel.branch." + r.id() + ".status", r.status().wireName());
            if (!r.failureReason().isEmpty()) {
                perBranch.put("parallel.branch." + r.id() + ".failure_reason", r.failureReason());
            }
            if (join.isEmpty()) {
                join = r.joinNode();
            }
        }
        int successes = success;
        int failures = failure;
        stage.events().emit((run, seq, at) -> new PipelineEvent.ParallelCompleted(run, seq, at, nodeId, ms,
                successes, failures));
        Map<String, Object> updates = new LinkedHashMap<>();
        updates.put("parallel.results", serialised);
        updates.put("parallel.success_count", success);
        updates.put("parallel.failure_count", failure);
        // the names other implementations write, read by their tools and the community conformance suite
        updates.put("parallel.fail_count", failure);
        updates.putAll(perBranch);
        updates.put(JOIN_NODE_KEY, join);
        if (!commitsById.isEmpty()) {
            updates.put("parallel.commits", commitsById);
        }
        StageStatus status = policy.equals("first_success") ? (success > 0 ? StageStatus.SUCCESS : StageStatus.FAIL)
                : (failure == 0 ? StageStatus.SUCCESS : StageStatus.PARTIAL_SUCCESS);
        Outcome outcome = Outcome.of(status).withContextUpdates(updates)
                .withNotes(success + " of " + results.length + " branches succeeded");
        return status == StageStatus.FAIL ? outcome.withFailureReason("no branch succeeded") : outcome;
    }

    private BranchResult[] runAll(StageContext stage, List<Edge> branches, int maxParallel,
            boolean firstSuccess, String[] commits) throws InterruptedException {
        String nodeId = stage.node().id();
        BranchResult[] results = new BranchResult[branches.size()];
        Semaphore permits = new Semaphore(maxParallel);
        List<Future<Integer>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletionService<Integer> done = new ExecutorCompletionService<>(pool);
            for (int i = 0; i < branches.size(); i++) {
                int index = i;
                Edge edge = branches.get(i);
                futures.add(done.submit(() -> {
                    permits.acquire();
                    try {
                        stage.events().emit((run, seq, at) -> new PipelineEvent.ParallelBranchStarted(run, seq, at,
                                nodeId, edge.to(), index));
                        long t0 = System.nanoTime();
                        BranchResult r;
                        String scope = "";
                        try {
                            Context branchContext = stage.context().copy();
                            scope = workspace.openBranch(nodeId, edge.to(), stage.context());
                            if (!scope.isEmpty()) {
                                branchContext.set(WorkspaceHooks.SCOPE_KEY, scope);
                            }
                            r = stage.branches().run(edge, branchContext);
                        } catch (InterruptedException e) {
                            throw e;
                        } catch (Exception e) {
                            r = new BranchResult(edge.to(), StageStatus.FAIL, "", "branch crashed: " + e, null,
                                    List.of(), "", (System.nanoTime() - t0) / 1_000_000);
                        } finally {
                            if (!scope.isEmpty()) {
                                commits[index] = workspace.closeBranch(scope);
                            }
                        }
                        BranchResult result = r;
                        results[index] = result;
                        stage.events().emit((run, seq, at) -> new PipelineEvent.ParallelBranchCompleted(run, seq,
                                at, nodeId, edge.to(), index, result.durationMs(), result.status().isSuccess(),
                                result.status().wireName()));
                        return index;
                    } finally {
                        permits.release();
                    }
                }));
            }
            try {
                for (int n = 0; n < branches.size(); n++) {
                    Future<Integer> f = done.take();
                    Integer index = resultIndex(f);
                    if (firstSuccess && index != null && results[index].status().isSuccess()) {
                        futures.forEach(x -> x.cancel(true));
                        break;
                    }
                }
            } catch (InterruptedException e) {
                futures.forEach(x -> x.cancel(true));
                throw e;
            }
        }
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                results[i] = new BranchResult(branches.get(i).to(), StageStatus.SKIPPED,
                        "cancelled: another branch already satisfied first_success", "", null, List.of(), "", 0);
            }
        }
        return results;
    }

    private static Integer resultIndex(Future<Integer> f) {
        try {
            return f.get();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
