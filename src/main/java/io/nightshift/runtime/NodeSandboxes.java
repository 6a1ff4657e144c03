package io.nightshift.runtime;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.handler.WorkspaceHooks;
import io.nightshift.pipeline.state.Context;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.DockerExecutionEnvironment;
import io.nightshift.sandbox.docker.SandboxPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-node sandbox policies (issue 5): a node whose {@code sandbox.*} attributes make its effective policy differ
 * from the run's ({@link SandboxChoice#policy(Graph, Node)}) has its tools and its agent run in a container of
 * its own, over the same workspace and with the same mounts; every other node uses the run's container (or its
 * parallel branch's).
 *
 * <p>A run shares one container between its stages, and a container's limits, network and runtime are fixed when
 * it is created, so an override cannot be applied to the shared one. The override container is started cold
 * (about 0.2 to 0.5 s): the warm pool cannot serve it, because a pool container mounts its own empty slot
 * directory as workspace and runs the pool's policy, while this one must mount the scope's existing workspace
 * under the node's policy. It is kept for the rest of its scope, keyed by scope and policy, so a node that runs
 * again (a retry, a loop) or another node with the same settings reuses it; it is removed when its parallel branch
 * closes or the run ends. With {@code --sandbox local} there is no container and the settings have no effect.
 *
 * <p>Wraps the run's {@link RunWorkspace} as the engine's {@link WorkspaceHooks}; all other hooks pass through.
 */
final class NodeSandboxes implements WorkspaceHooks, AutoCloseable {

    private record Key(String scope, SandboxPolicy policy) {
    }

    private final RunWorkspace workspace;
    private final ExecutionEnvironment runEnvironment;
    private final String sandbox;
    private final Graph graph;
    private final String runId;
    private final Path logsRoot;
    private final SandboxPolicy runPolicy;
    private final Map<Key, ExecutionEnvironment> opened = new ConcurrentHashMap<>();
    private DockerEngine engine;

    /**
     * @param runEnvironment the run's own environment (the scope's default outside parallel branches)
     * @param sandbox        {@link SandboxChoice#DOCKER} or {@link SandboxChoice#LOCAL}
     */
    NodeSandboxes(RunWorkspace workspace, ExecutionEnvironment runEnvironment, String sandbox, Graph graph,
            String runId, Path logsRoot) {
        this.workspace = workspace;
        this.runEnvironment = runEnvironment;
        this.sandbox = sandbox;
        this.graph = graph;
        this.runId = runId;
        this.logsRoot = logsRoot;
        this.runPolicy = sandbox.equals(SandboxChoice.DOCKER) ? SandboxChoice.policy(graph) : null;
    }

    /** Where {@code node}'s tools and agent run: its own sandbox when its policy differs, else the scope's. */
    ExecutionEnvironment forNode(Node node, Context context) {
        ExecutionEnvironment scoped = workspace.environment(context);
        ExecutionEnvironment base = scoped != null ? scoped : runEnvironment;
        if (runPolicy == null) {
            return base;
        }
        SandboxPolicy policy = SandboxChoice.policy(graph, node);
        if (policy.equals(runPolicy)) {
            return base;
        }
        String scope = context.getString(SCOPE_KEY, "");
        Path directory = workspace.directory(context);
        return opened.computeIfAbsent(new Key(scope, policy), key -> {
            DockerExecutionEnvironment env = SandboxChoice.openDocker(engine(), policy, graph, directory,
                    runId + "-" + node.id(), logsRoot);
            env.initialize();
            return env;
        });
    }

    private synchronized DockerEngine engine() {
        if (engine == null) {
            engine = DockerEngine.connect();
        }
        return engine;
    }

    @Override
    public ExecutionEnvironment environment(Context context) {
        return workspace.environment(context);
    }

    @Override
    public ExecutionEnvironment environment(Node node, Context context) {
        return forNode(node, context);
    }

    @Override
    public Outcome afterStage(Node node, int attempt, Context context, Outcome outcome) {
        return workspace.afterStage(node, attempt, context, outcome);
    }

    @Override
    public String openBranch(String parallelNodeId, String branchId, Context parentContext) {
        return workspace.openBranch(parallelNodeId, branchId, parentContext);
    }

    /** Removes the branch's own node sandboxes, then closes the branch. */
    @Override
    public String closeBranch(String scope) {
        closeWhere(key -> key.scope().equals(scope));
        return workspace.closeBranch(scope);
    }

    @Override
    public Outcome merge(Node fanIn, String branchId, String commit, Context context) {
        return workspace.merge(fanIn, branchId, commit, context);
    }

    /** Removes every node sandbox still open (the run's workspace itself is closed by its owner). */
    @Override
    public void close() {
        closeWhere(key -> true);
        DockerEngine e;
        synchronized (this) {
            e = engine;
            engine = null;
        }
        if (e != null) {
            e.close();
        }
    }

    private void closeWhere(java.util.function.Predicate<Key> which) {
        for (Key key : List.copyOf(opened.keySet())) {
            if (which.test(key)) {
                ExecutionEnvironment env = opened.remove(key);
                if (env != null) {
                    env.cleanup();
                }
            }
        }
    }
}
