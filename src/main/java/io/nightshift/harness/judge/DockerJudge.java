package io.nightshift.harness.judge;

import io.nightshift.harness.Judge;
import io.nightshift.harness.JudgeException;
import io.nightshift.harness.JudgeListener;
import io.nightshift.harness.JudgeRequest;
import io.nightshift.harness.Judgment;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.SandboxException;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.DockerExecutionEnvironment;
import io.nightshift.sandbox.docker.SandboxDefinition;
import io.nightshift.sandbox.docker.SandboxLabels;
import io.nightshift.sandbox.docker.SandboxPolicy;
import io.nightshift.sandbox.docker.SandboxReaper;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Judges in Docker: every trial gets a fresh judge container from the run's sandbox image with the sandbox
 * hardening of {@code policy} (no capabilities, no new privileges, read-only root, limits, non-root user), the
 * network forced to none (loopback only), the role label {@code judge}, and only its own snapshot copy mounted at
 * {@code /workspace}; the container is removed when the trial ends, however it ends, and a last sweep by the
 * judgment's label removes any a cancelled launch left. The scenario store and the live workspace are never mounted.
 * When the suite declares twins, each trial gets an internal network of its own ({@link ContainerTwins}): the twins'
 * containers and the judge container on it, no route out, the twins' base URLs in the program's environment.
 */
public final class DockerJudge implements Judge {

    private final DockerEngine engine;
    private final SandboxPolicy policy;

    /** @param policy the run's sandbox policy (image, limits); its network setting is ignored */
    public DockerJudge(DockerEngine engine, SandboxPolicy policy) {
        this.engine = engine;
        this.policy = policy;
    }

    @Override
    public Judgment judge(JudgeRequest request, JudgeListener listener) {
        return judgeMeasured(request, listener).judgment();
    }

    /** As {@link #judge}, with where the time went (for benchmarks and diagnostics). */
    public MeasuredJudgment judgeMeasured(JudgeRequest request, JudgeListener listener) {
        String judgmentId = UUID.randomUUID().toString();
        try {
            return new SnapshotJudging(new Containers(judgmentId)).judge(request, listener);
        } finally {
            // a cancel interrupts this thread, and the engine calls of the sweep would give up at once under the
            // interrupt, leaving the trials' containers behind: the sweep runs with it set aside
            boolean interrupted = Thread.interrupted();
            try {
                sweep(judgmentId);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Removes whatever container of the judgment is still there (a launch cut short by cancellation). */
    private void sweep(String judgmentId) {
        try {
            new SandboxReaper(engine).removeLabelled(SandboxLabels.JUDGMENT, judgmentId);
        } catch (RuntimeException ignored) {
            // the engine is gone: the reaper removes the containers by their owner label at the next start
        }
    }

    private SandboxPolicy policyFor(JudgeRequest request) {
        return request.image() == null ? policy : policy.withImage(request.image());
    }

    private final class Containers implements TrialEnvironments {

        private final String judgmentId;

        Containers(String judgmentId) {
            this.judgmentId = judgmentId;
        }

        @Override
        public void prepare(JudgeRequest request) {
            try {
                engine.requireImage(policyFor(request).image());
                if (!request.suite().twins().isEmpty()) {
                    engine.requireImage(ContainerTwins.IMAGE);
                }
            } catch (SandboxException e) {
                throw new JudgeException("Cannot judge suite '" + request.suite().name() + "': " + e.getMessage(),
                        e.retryable(), e);
            }
        }

        @Override
        public boolean disposable() {
            return true;
        }

        @Override
        public TrialTwins twins(JudgeRequest request) {
            return request.suite().twins().isEmpty() ? TrialTwins.NONE
                    : new ContainerTwins(engine, request.suite().twins(), request.runId(), judgmentId);
        }

        @Override
        public ExecutionEnvironment start(Path snapshot, Path home, JudgeRequest request) {
            return start(snapshot, home, request, TrialTwins.NONE);
        }

        @Override
        public ExecutionEnvironment start(Path snapshot, Path home, JudgeRequest request, TrialTwins twins) {
            SandboxDefinition definition = twins instanceof ContainerTwins c
                    ? SandboxDefinition.forJudge(policyFor(request), snapshot, request.runId(), judgmentId, c.network())
                    : SandboxDefinition.forJudge(policyFor(request), snapshot, request.runId(), judgmentId);
            DockerExecutionEnvironment env = new DockerExecutionEnvironment(engine, definition);
            try {
                env.initialize();
            } catch (RuntimeException e) {
                boolean interrupted = Thread.interrupted();
                env.close();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                throw e;
            }
            return env;
        }
    }
}
