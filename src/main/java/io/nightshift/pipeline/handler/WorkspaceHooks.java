package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.state.Context;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.sandbox.ExecutionEnvironment;

/**
 * What the engine asks of the files a run works on (the runtime backs it with a git workspace; the pipeline
 * package knows nothing of git). A stage works in a <em>scope</em>: the run's own workspace (empty scope) or the
 * isolated copy a parallel branch got from {@link #openBranch}; the scope travels in the stage's context under
 * {@link #SCOPE_KEY}. Every method may be called concurrently for different scopes; for one scope, calls come
 * one at a time. {@link #NONE} does nothing, for runs without a workspace.
 */
public interface WorkspaceHooks {

    /** Context key of the scope a stage works in; absent or empty for the run's workspace. */
    String SCOPE_KEY = "internal.workspace.scope";

    /** Context key the commit the workspace is at after a stage goes under (so the checkpoint holds it). */
    String COMMIT_KEY = "workspace.commit";

    WorkspaceHooks NONE = new WorkspaceHooks() {
        @Override
        public Outcome afterStage(Node node, int attempt, Context context, Outcome outcome) {
            return outcome;
        }

        @Override
        public ExecutionEnvironment environment(Context context) {
            return null;
        }

        @Override
        public String openBranch(String parallelNodeId, String branchId, Context parentContext) {
            return "";
        }

        @Override
        public String closeBranch(String scope) {
            return "";
        }

        @Override
        public Outcome merge(Node fanIn, String branchId, String commit, Context context) {
            return Outcome.success();
        }
    };

    /**
     * Called once per stage execution, after its final attempt and before its {@code status.json}, events and
     * checkpoint are written: records what the stage changed (e.g. a commit) and returns the outcome to keep. It
     * may turn a success into a FAIL (a stage that touched protected files) and add notes and context updates.
     * Exceptions fail the stage with their message.
     */
    Outcome afterStage(Node node, int attempt, Context context, Outcome outcome) throws Exception;

    /** Where the tools of a stage with this context run; null for the run's default environment. */
    ExecutionEnvironment environment(Context context);

    /**
     * Where the tools of {@code node}'s stage run; null for the run's default environment. By default the scope's
     * environment; a runtime may give a node its own (a sandbox with the node's {@code sandbox.*} settings).
     */
    default ExecutionEnvironment environment(Node node, Context context) {
        return environment(context);
    }

    /**
     * Gives the parallel branch {@code branchId} of {@code parallelNodeId} its own copy of the workspace of the
     * parent's scope, at its current state; returns the new scope (empty: the branch shares the parent's files).
     */
    String openBranch(String parallelNodeId, String branchId, Context parentContext) throws Exception;

    /** Releases a branch's scope after its last stage; returns the commit it ended at (empty when none). */
    String closeBranch(String scope);

    /**
     * Brings the work of the chosen branch ({@code commit}, as {@link #closeBranch} returned it) into the scope of
     * {@code context}: a SUCCESS outcome (with context updates such as {@link #COMMIT_KEY}) or a FAIL naming the
     * conflicting paths.
     */
    Outcome merge(Node fanIn, String branchId, String commit, Context context) throws Exception;
}
