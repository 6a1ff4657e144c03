package io.nightshift.runtime;

import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.handler.WorkspaceHooks;
import io.nightshift.pipeline.state.Context;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.pipeline.state.StageStatus;
import io.nightshift.runtime.harness.Judging;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.workspace.BranchMerge;
import io.nightshift.workspace.Deliverables;
import io.nightshift.workspace.ResetResult;
import io.nightshift.workspace.StageCommit;
import io.nightshift.workspace.StageRecord;
import io.nightshift.workspace.Workspace;
import io.nightshift.workspace.WorkspaceFullException;
import io.nightshift.workspace.WorkspaceLog;
import io.nightshift.workspace.WorkspaceLogFile;
import io.nightshift.workspace.WorkspaceLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * The git workspace of one run, as the engine sees it ({@link WorkspaceHooks}): a commit on the run branch after
 * every stage (protected paths restored and the stage failed when it touched them, denied paths reported),
 * {@code workspace.json} kept in step, one linked worktree with its own execution environment per parallel
 * branch, the chosen branch merged at fan-in, and the deliverables at the end; for holdout judging, snapshots of a
 * stage's working tree. Closing it closes the branches still open and the repository handle.
 */
public final class RunWorkspace implements WorkspaceHooks, Judging.Snapshots, AutoCloseable {

    /** Context key: the paths on the deny list a stage wrote, left uncommitted. */
    public static final String DENIED_KEY = "workspace.denied";
    /** Context key: the protected paths a stage changed (restored). */
    public static final String PROTECTED_KEY = "workspace.protected_violations";
    /** Context key: warnings of the last stage commit (large files, nested repositories). */
    public static final String WARNINGS_KEY = "workspace.warnings";

    private final Workspace run;
    private final Path logFile;
    private final Path branchRoot;
    private final BiFunction<Path, String, ExecutionEnvironment> branchEnvironments;
    private final Clock clock;
    private final Map<String, Branch> branches = new ConcurrentHashMap<>();
    private final AtomicInteger forkCount = new AtomicInteger();
    private final WorkspaceLogFile log;

    private record Branch(Workspace workspace, ExecutionEnvironment environment) {
    }

    /**
     * @param run                the run workspace (owned: closed with this object)
     * @param runDir             the run directory; {@code workspace.json} and {@code branches/} go there
     * @param branchEnvironments opens the environment of a parallel branch over its directory (name given for labels)
     */
    public RunWorkspace(Workspace run, Path runDir, BiFunction<Path, String, ExecutionEnvironment> branchEnvironments,
            Clock clock) {
        this.run = run;
        this.logFile = runDir.resolve("workspace.json");
        this.branchRoot = runDir.resolve("branches");
        this.branchEnvironments = branchEnvironments;
        this.clock = clock;
        this.log = new WorkspaceLogFile(logFile, Files.exists(logFile) ? WorkspaceLogs.read(logFile)
                : WorkspaceLog.of(run));
    }

    public Workspace workspace() {
        return run;
    }

    public Path directory() {
        return run.directory();
    }

    /** Resume: puts the run branch and working tree back at {@code commit}, keeping what was there on a side ref. */
    public ResetResult resetTo(String commit) {
        return run.resetTo(commit);
    }

    /**
     * Resume: removes what the killed run's parallel branches left ({@code branches/<name>} worktrees, git's
     * bookkeeping for them), keeping their uncommitted work on side refs and their branches; the resumed run
     * opens fresh ones. Returns one line per worktree removed.
     */
    public List<String> discardStaleBranches() {
        List<String> removed = new ArrayList<>(run.discardStaleForks());
        if (Files.isDirectory(branchRoot)) {
            try (var leftovers = Files.list(branchRoot)) {
                for (Path dir : leftovers.toList()) {
                    deleteTree(dir);
                    removed.add(dir.toString());
                }
            } catch (java.io.IOException e) {
                throw new UnusableInputException("cannot remove the parallel-branch directories the interrupted run "
                        + "left in " + branchRoot + ": " + e.getMessage() + "; remove them by hand and resume again", e);
            }
        }
        return removed;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Keeps a candidate's head on the next free {@code refs/nightshift/<run>/candidates/<n>}; returns the ref. */
    public String keepCandidate(String commit) {
        return run.keepCandidate(commit);
    }

    /** Writes changes.patch, run.bundle and summary.md into {@code directory} and hands the branch to the source. */
    public Deliverables deliver(Path directory, boolean push) {
        return run.deliver(directory, push);
    }

    /**
     * The working tree of the stage with this context (its parallel branch's, or the run's) as a commit no ref
     * points to, for holdout judging; the head itself when nothing is uncommitted. See {@link Workspace#snapshot}.
     */
    @Override
    public String snapshot(Context context, String subject) {
        return workspaceOf(context).snapshot(subject);
    }

    /** The working directory of the stage with this context. */
    @Override
    public Path repository(Context context) {
        return workspaceOf(context).directory();
    }

    @Override
    public Outcome afterStage(Node node, int attempt, Context context, Outcome outcome) {
        Workspace ws = workspaceOf(context);
        try {
            ws.checkDiskBound();
        } catch (WorkspaceFullException e) {
            // not committed: the oversized tree would be copied into the object store on the same disk
            return Outcome.fail(e.getMessage()).withContextUpdates(outcome.contextUpdates())
                    .withNotes(outcome.notes());
        }
        String before = ws.head();
        List<String> violations = ws.protectedViolations(before);
        if (!violations.isEmpty()) {
            ws.restoreProtected(before);
        }
        Outcome result = violations.isEmpty() ? outcome
                : Outcome.fail("changed protected paths " + String.join(", ", violations)
                        + " (restored; the pipeline declares them with workspace.protected)")
                        .withContextUpdates(outcome.contextUpdates()).withNotes(outcome.notes());
        StageCommit commit = ws.commit().stage(node.id(), node.label(), attempt)
                .outcome(result.status().wireName())
                .notes(result.status() == StageStatus.FAIL ? result.failureReason() : result.notes())
                .call();
        log.append(new StageRecord(node.id(), attempt, commit.head(), result.status().wireName(), clock.instant()));
        Map<String, Object> updates = new LinkedHashMap<>();
        updates.put(COMMIT_KEY, commit.head());
        updates.put(DENIED_KEY, commit.deniedPaths().isEmpty() ? null : commit.deniedPaths());
        updates.put(PROTECTED_KEY, violations.isEmpty() ? null : violations);
        updates.put(WARNINGS_KEY, commit.warnings().isEmpty() ? null : commit.warnings());
        List<String> remarks = new ArrayList<>();
        if (!commit.deniedPaths().isEmpty()) {
            remarks.add("not committed (deny list): " + String.join(", ", commit.deniedPaths()));
        }
        remarks.addAll(commit.warnings());
        result = result.withContextUpdates(updates);
        if (remarks.isEmpty()) {
            return result;
        }
        String remark = "workspace: " + String.join("; ", remarks);
        result = result.withNotes(result.notes().isEmpty() ? remark : result.notes() + "; " + remark);
        return result.status() == StageStatus.FAIL
                ? result.withFailureReason(result.failureReason() + "; " + remark) : result;
    }

    /** The directory of the workspace a stage with this context works in (its branch's, else the run's). */
    public Path directory(Context context) {
        return workspaceOf(context).directory();
    }

    @Override
    public ExecutionEnvironment environment(Context context) {
        Branch branch = branches.get(scopeOf(context));
        return branch == null ? null : branch.environment();
    }

    @Override
    public String openBranch(String parallelNodeId, String branchId, Context parentContext) {
        Workspace parent = workspaceOf(parentContext);
        String name = safe(branchId) + "-" + forkCount.incrementAndGet() + "-" + Long.toString(clock.millis(), 36);
        Workspace fork = parent.fork(name, parent.head(), branchRoot.resolve(name));
        ExecutionEnvironment environment;
        try {
            environment = branchEnvironments.apply(fork.directory(), name);
            environment.initialize();
        } catch (RuntimeException e) {
            fork.discard();
            throw e;
        }
        branches.put(name, new Branch(fork, environment));
        return name;
    }

    @Override
    public String closeBranch(String scope) {
        Branch branch = branches.remove(scope);
        if (branch == null) {
            return "";
        }
        String head = branch.workspace().head();
        try {
            branch.environment().close();
        } finally {
            branch.workspace().discard();
        }
        return head;
    }

    @Override
    public Outcome merge(Node fanIn, String branchId, String commit, Context context) {
        Workspace ws = workspaceOf(context);
        BranchMerge merged = ws.merge(branchId, commit);
        return switch (merged) {
            case BranchMerge.Conflict c -> Outcome.fail("merging branch '" + branchId + "' (" + abbrev(commit)
                    + ") into " + ws.branch() + " conflicts in " + String.join(", ", c.paths())
                    + "; the run branch stays at " + abbrev(c.head()))
                    .withContextUpdates(Map.of(COMMIT_KEY, c.head(), "workspace.conflicts", c.paths()));
            case BranchMerge.FastForward f -> merged(f.head(), commit);
            case BranchMerge.Merged m -> merged(m.head(), commit);
            case BranchMerge.AlreadyMerged a -> merged(a.head(), commit);
        };
    }

    @Override
    public void close() {
        for (String scope : List.copyOf(branches.keySet())) {
            try {
                closeBranch(scope);
            } catch (RuntimeException e) {
                // closing anyway; the branch's commits stay on its ref
            }
        }
        run.close();
    }

    private static Outcome merged(String head, String commit) {
        return Outcome.success().withContextUpdates(Map.of(COMMIT_KEY, head, "workspace.merged", commit));
    }

    private Workspace workspaceOf(Context context) {
        Branch branch = branches.get(scopeOf(context));
        return branch == null ? run : branch.workspace();
    }

    private static String scopeOf(Context context) {
        return context.getString(SCOPE_KEY, "");
    }

    private static String safe(String id) {
        String cleaned = id.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("\\.{2,}", ".");
        cleaned = cleaned.length() > 60 ? cleaned.substring(0, 60) : cleaned;
        return cleaned.isEmpty() || cleaned.startsWith(".") || cleaned.startsWith("-") ? "b" + cleaned : cleaned;
    }

    static String abbrev(String commit) {
        return commit.length() > 10 ? commit.substring(0, 10) : commit;
    }
}
