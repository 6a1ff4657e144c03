package io.nightshift.runtime;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.HandlerTypes;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.run.RunDirectory;
import io.nightshift.runtime.harness.HarnessSettings;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.LocalExecutionEnvironment;
import io.nightshift.sandbox.SandboxException;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.DockerExecutionEnvironment;
import io.nightshift.sandbox.docker.ExecMode;
import io.nightshift.sandbox.docker.SandboxDefinition;
import io.nightshift.sandbox.docker.SandboxPolicy;
import io.nightshift.sandbox.docker.SandboxPolicyParser;
import io.nightshift.sandbox.docker.SandboxReaper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run's tools execute (DESIGN.md, Sandboxes): a hardened Docker container by default, the local machine
 * only when asked for explicitly. The run's policy comes from the pipeline's graph-level {@code sandbox.*}
 * attributes; a node's own {@code sandbox.*} attributes override them for that node ({@link NodeSandboxes}).
 *
 * <p>Mounts: the workspace at {@code /workspace}, the run directory read-only at its host path (so the
 * {@code ATTRACTOR_*} paths a tool stage gets resolve), and inside it the stage directory of every tool node
 * read-write, so that a tool command can leave {@code status.json} or other outputs there (attractor-spec 4.5's
 * status-file contract). Everything else of the run directory (checkpoint, manifest, other stages) stays
 * read-only to the sandbox.
 */
public final class SandboxChoice {

    public static final String DOCKER = "docker";
    public static final String LOCAL = "local";

    private SandboxChoice() {
    }

    /**
     * Decides the sandbox for a run and checks that it can be had: with no explicit choice, Docker must be
     * reachable and its image present.
     *
     * @throws UnusableInputException saying how to start Docker, build the image, or choose local explicitly
     */
    public static String decide(String requested, Graph graph) {
        return decide(requested, graph, false);
    }

    /**
     * As {@link #decide(String, Graph)}; a {@code simulate}d run whose stages cannot use the sandbox (see
     * {@link #mayUse}) does not ask Docker anything: connecting to it was a third of such a run's start-up (issue
     * 21). Should a stage need the sandbox after all, {@link LazySandbox} connects then and names the cause.
     */
    public static String decide(String requested, Graph graph, boolean simulate) {
        String sandbox = requested == null ? DOCKER : requested;
        if (!sandbox.equals(DOCKER) && !sandbox.equals(LOCAL)) {
            throw new UnusableInputException("--sandbox must be 'docker' or 'local', not '" + sandbox + "'");
        }
        if (sandbox.equals(DOCKER)) {
            SandboxPolicy policy = policy(graph);
            if (!mayUse(graph, simulate)) {
                return sandbox;
            }
            try (DockerEngine engine = DockerEngine.connect()) {
                engine.requireImage(policy.image());
            } catch (SandboxException e) {
                throw new UnusableInputException(e.getMessage()
                        + (requested == null ? " Or run the tools on this machine, unisolated: --sandbox local." : ""), e);
            }
        }
        return sandbox;
    }

    /**
     * Whether a stage of this graph could run something in the sandbox: a tool, a manager loop (its child
     * pipeline may), a handler type Nightshift does not know, an LLM stage with a model behind it (the agent's
     * tools), or a stage that judges against held-out scenarios. Start, exit, human gates, conditions, fan-out and
     * fan-in never do, nor does a simulated LLM stage.
     */
    static boolean mayUse(Graph graph, boolean simulate) {
        if (!HarnessSettings.judgingNodes(graph).isEmpty()) {
            return true;
        }
        for (Node node : graph.nodes().values()) {
            switch (node.handlerType()) {
                case HandlerTypes.START, HandlerTypes.EXIT, HandlerTypes.WAIT_HUMAN, HandlerTypes.CONDITIONAL,
                        HandlerTypes.PARALLEL, HandlerTypes.FAN_IN -> {
                }
                case HandlerTypes.CODERGEN -> {
                    if (!simulate) {
                        return true;
                    }
                }
                default -> {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The hardened policy with the graph's {@code sandbox.*} overrides. Runs use the resident runner unless the
     * pipeline says {@code sandbox.exec=engine} (a command costs a few milliseconds instead of an engine exec).
     */
    public static SandboxPolicy policy(Graph graph) {
        try {
            return forRuns(graph.attrs().asMap());
        } catch (SandboxException e) {
            throw new UnusableInputException(graph.sourceFile() + ": " + e.getMessage(), e);
        }
    }

    /** The policy of one node: the graph's {@code sandbox.*} attributes, then the node's own over them. */
    public static SandboxPolicy policy(Graph graph, Node node) {
        try {
            return forRuns(settings(graph, node));
        } catch (SandboxException e) {
            throw new UnusableInputException(graph.sourceFile() + ": node '" + node.id() + "': " + e.getMessage(), e);
        }
    }

    private static SandboxPolicy forRuns(Map<String, String> settings) {
        SandboxPolicy policy = SandboxPolicyParser.parse(settings);
        return settings.containsKey("sandbox.exec") ? policy : policy.withExec(ExecMode.RUNNER);
    }

    /** The {@code sandbox.*} settings that apply to {@code node}, node attributes over graph attributes. */
    static Map<String, String> settings(Graph graph, Node node) {
        Map<String, String> merged = new LinkedHashMap<>();
        graph.attrs().asMap().forEach((k, v) -> {
            if (k.startsWith("sandbox.")) {
                merged.put(k, v);
            }
        });
        node.attrs().asMap().forEach((k, v) -> {
            if (k.startsWith("sandbox.")) {
                merged.put(k, v);
            }
        });
        return merged;
    }

    /**
     * Opens the environment the decision names; the caller closes it (which removes the container). A Docker
     * sandbox connects to the engine, reaps dead owners' containers and starts its container only when a stage
     * first uses it ({@link LazySandbox}).
     */
    public static ExecutionEnvironment open(String sandbox, Graph graph, Path workspace, String runId,
            Map<String, String> hostEnvironment, Path logsRoot) {
        if (sandbox.equals(LOCAL)) {
            return new LocalExecutionEnvironment(workspace, hostEnvironment);
        }
        SandboxPolicy policy = policy(graph);
        return new LazySandbox(() -> {
            DockerEngine engine = DockerEngine.connect();
            new SandboxReaper(engine).reapDeadOwners();
            return openDocker(engine, policy, graph, workspace, runId, logsRoot);
        }, SandboxDefinition.WORKSPACE);
    }

    /**
     * A Docker sandbox under {@code policy} with the run's mounts (see the class comment); not yet started. It is
     * an agent's sandbox: what a command leaves running dies with it, also with {@code sandbox.exec=engine}.
     */
    static DockerExecutionEnvironment openDocker(DockerEngine engine, SandboxPolicy policy, Graph graph,
            Path workspace, String runId, Path logsRoot) {
        Path runDir = logsRoot.toAbsolutePath();
        return new DockerExecutionEnvironment(engine, policy, workspace, runId, List.of(runDir),
                toolStageDirectories(graph, runDir)).sweepAfterEachCommand();
    }

    /** The stage directory of every tool node, where its command may write. */
    static List<Path> toolStageDirectories(Graph graph, Path runDir) {
        RunDirectory dir = new RunDirectory(runDir, false);
        return graph.nodes().values().stream().filter(n -> n.handlerType().equals("tool"))
                .map(n -> dir.stageDir(n.id())).distinct().toList();
    }
}
