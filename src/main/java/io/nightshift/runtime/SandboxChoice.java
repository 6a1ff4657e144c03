package io.nightshift.runtime;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.LocalExecutionEnvironment;
import io.nightshift.sandbox.SandboxException;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.DockerExecutionEnvironment;
import io.nightshift.sandbox.docker.SandboxPolicy;
import io.nightshift.sandbox.docker.SandboxPolicyParser;
import io.nightshift.sandbox.docker.SandboxReaper;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a run's tools execute (DESIGN.md, Sandboxes): a hardened Docker container by default, the local machine
 * only when asked for explicitly. The policy comes from the pipeline's graph-level {@code sandbox.*} attributes.
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
        String sandbox = requested == null ? DOCKER : requested;
        if (!sandbox.equals(DOCKER) && !sandbox.equals(LOCAL)) {
            throw new UnusableInputException("--sandbox must be 'docker' or 'local', not '" + sandbox + "'");
        }
        if (sandbox.equals(DOCKER)) {
            SandboxPolicy policy = policy(graph);
            try (DockerEngine engine = DockerEngine.connect()) {
                engine.requireImage(policy.image());
            } catch (SandboxException e) {
                throw new UnusableInputException(e.getMessage()
                        + (requested == null ? " Or run the tools on this machine, unisolated: --sandbox local." : ""), e);
            }
        }
        return sandbox;
    }

    /** The hardened policy with the graph's {@code sandbox.*} overrides. */
    public static SandboxPolicy policy(Graph graph) {
        try {
            return SandboxPolicyParser.parse(graph.attrs().asMap());
        } catch (SandboxException e) {
            throw new UnusableInputException(graph.sourceFile() + ": " + e.getMessage(), e);
        }
    }

    /** Opens the environment the decision names; the caller closes it (which removes the container). */
    public static ExecutionEnvironment open(String sandbox, Graph graph, Path workspace, String runId,
            Map<String, String> hostEnvironment, Path logsRoot) {
        if (sandbox.equals(LOCAL)) {
            return new LocalExecutionEnvironment(workspace, hostEnvironment);
        }
        DockerEngine engine = DockerEngine.connect();
        new SandboxReaper(engine).reapDeadOwners();
        // The run directory is visible read-only at its host path, so ATTRACTOR_* paths resolve in the container.
        return new DockerExecutionEnvironment(engine, policy(graph), workspace, runId,
                java.util.List.of(logsRoot.toAbsolutePath()));
    }
}
