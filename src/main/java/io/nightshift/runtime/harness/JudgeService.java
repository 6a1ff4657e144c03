package io.nightshift.runtime.harness;

import io.nightshift.harness.DisclosedJudgment;
import io.nightshift.harness.JudgeException;
import io.nightshift.harness.JudgeListener;
import io.nightshift.harness.JudgmentJson;
import io.nightshift.llm.CancellationToken;
import io.nightshift.runtime.UnusableInputException;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.SandboxPolicy;
import io.nightshift.workspace.IntakeRequest;
import io.nightshift.workspace.Snapshots;
import io.nightshift.workspace.SourceNotFoundException;
import io.nightshift.workspace.Workspace;
import io.nightshift.workspace.WorkspaceException;
import io.nightshift.workspace.WorkspaceSettings;
import io.nightshift.workspace.Workspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code nightshift judge}: judges a commit against a suite of the scenario store without a pipeline. The commit
 * comes from a repository on this machine (only read: its HEAD or a ref, never its uncommitted changes) or from a
 * clone into a temporary directory, removed afterwards. Judging goes through the same {@link StoreGateway} as runs:
 * the full judgment is recorded in the store and only the disclosed one comes back. One judgment per instance at a
 * time; {@link #cancel()} from another thread (Ctrl-C) stops it and removes its judge containers.
 */
public final class JudgeService {

    private static final int DIRTY_SHOWN = 10;

    private final Map<String, String> environment;
    private final Supplier<DockerEngine> connect;
    private volatile Thread judging;
    private volatile boolean cancelled;

    /** @param environment provider keys for {@code a judge agrees} steps, git tokens for {@code --repo}, PATH */
    public JudgeService(Map<String, String> environment) {
        this(environment, DockerEngine::connect);
    }

    JudgeService(Map<String, String> environment, Supplier<DockerEngine> connect) {
        this.environment = Map.copyOf(environment);
        this.connect = connect;
    }

    /**
     * Judges and returns the disclosed report.
     *
     * @throws UnusableInputException for bad options, an unknown suite, a directory that is not a repository, an
     *         unknown ref, a source that cannot be cloned, or Docker, the store or the image missing (with the fix)
     * @throws InterruptedException when {@link #cancel()} was called (or the thread interrupted); nothing is left
     */
    public JudgeReport judge(JudgeOrder order) throws InterruptedException {
        boolean local = check(order);
        judging = Thread.currentThread();
        try (StoreGateway gateway = new StoreGateway(environment, connect)) {
            Path dir = order.workspace() == null ? null : order.workspace().toAbsolutePath().normalize();
            List<String> warnings = new ArrayList<>();
            String resolved = dir == null ? null : resolve(dir, order.ref(), warnings);
            gateway.refusal(Set.of(order.suite())).ifPresent(why -> {
                throw new UnusableInputException(why);
            });
            String image = local ? null : order.image() != null ? order.image() : SandboxPolicy.DEFAULT_IMAGE;
            if (dir != null) {
                return judge(gateway, order, dir, resolved, image, warnings);
            }
            Path temp = Files.createTempDirectory("nightshift-judge-");
            try {
                Path clone = temp.resolve("workspace");
                String commit;
                try (Workspace ws = Workspaces.intake(new IntakeRequest(order.repo(), order.ref(), runId(), clone,
                        environment, WorkspaceSettings.defaults()))) {
                    commit = ws.baseCommit();
                } catch (WorkspaceException e) {
                    throw new UnusableInputException(e.getMessage(), e);
                }
                return judge(gateway, order, clone, commit, image, List.of());
            } finally {
                delete(temp);
            }
        } catch (IOException e) {
            throw new UnusableInputException("cannot make a temporary directory for the clone: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (cancelled || Thread.currentThread().isInterrupted()) {
                throw interrupted(e);
            }
            throw e;
        } finally {
            judging = null;
            if (cancelled) {
                Thread.interrupted();
            }
        }
    }

    /** Stops the judgment under way (its judge containers are removed); {@link #judge} then throws. */
    public void cancel() {
        cancelled = true;
        Thread thread = judging;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** @return whether judging happens on this machine */
    private static boolean check(JudgeOrder order) {
        if (order.suite() == null || order.suite().isBlank()) {
            throw new UnusableInputException("--suite is required: the name of a suite in the scenario store "
                    + "(`nightshift scenarios ls` lists them)");
        }
        if ((order.workspace() == null) == (order.repo() == null)) {
            throw new UnusableInputException("give exactly one of --workspace DIR (a git repository here, judged "
                    + "in place) or --repo PATH_OR_URL (cloned into a temporary directory)");
        }
        if (order.trials() != null && order.trials() < 1) {
            throw new UnusableInputException("--trials must be at least 1, not " + order.trials());
        }
        if (order.threshold() != null && !(order.threshold() >= 0 && order.threshold() <= 1)) {
            throw new UnusableInputException("--threshold must be between 0 and 1 (the share of trials that must "
                    + "pass), not " + order.threshold());
        }
        if (order.parallelism() < 0) {
            throw new UnusableInputException("--parallelism must be 1 or more (0: as many as the machine's cores), "
                    + "not " + order.parallelism());
        }
        String sandbox = order.sandbox() == null ? "docker" : order.sandbox();
        if (!sandbox.equals("docker") && !sandbox.equals("local")) {
            throw new UnusableInputException("--sandbox must be 'docker' or 'local', not '" + sandbox + "'");
        }
        boolean local = sandbox.equals("local");
        if (local && !order.allowLocalHoldout()) {
            throw new UnusableInputException("--sandbox local runs the held-out scenarios' commands directly on "
                    + "this machine, unisolated; judge in Docker (the default), or pass " + HoldoutGuard.FLAG
                    + " to accept that knowingly");
        }
        if (local && order.image() != null) {
            throw new UnusableInputException("--image names the judge containers' image; with --sandbox local "
                    + "there are none: drop one of the two");
        }
        return local;
    }

    private static String resolve(Path dir, String ref, List<String> warnings) {
        String commit;
        try {
            commit = Snapshots.resolve(dir, ref == null ? "HEAD" : ref);
        } catch (SourceNotFoundException e) {
            throw new UnusableInputException("--workspace " + dir + (Files.exists(dir) ? " is not a git repository"
                    : " does not exist") + ": judging needs a commit to judge; pass a repository (or clone one "
                    + "with --repo PATH_OR_URL)", e);
        } catch (WorkspaceException e) {
            throw new UnusableInputException("--workspace " + e.getMessage()
                    + (ref == null ? " (commit something first, or pass --ref)" : ""), e);
        }
        if (ref == null) {
            List<String> dirty;
            try {
                dirty = Snapshots.uncommittedChanges(dir);
            } catch (WorkspaceException e) {
                throw new UnusableInputException("--workspace " + e.getMessage(), e);
            }
            if (!dirty.isEmpty()) {
                warnings.add("uncommitted changes in " + dir + " are not judged (" + describe(dirty) + "); the "
                        + "judgment is of the HEAD commit " + commit.substring(0, 12) + ": commit them to judge them");
            }
        }
        return commit;
    }

    private JudgeReport judge(StoreGateway gateway, JudgeOrder order, Path repository, String commit, String image,
            List<String> warnings) throws InterruptedException {
        HarnessCall call = new HarnessCall(runId(), "judge", order.suite(), repository, commit, order.trials(),
                order.threshold(), image, CancellationToken.NONE);
        DisclosedJudgment judgment;
        try {
            judgment = gateway.judge(call, order.parallelism(), JudgeListener.NONE);
        } catch (InterruptedException e) {
            throw e;
        } catch (JudgeException | IllegalStateException e) {
            if (cancelled || Thread.currentThread().isInterrupted()) {
                throw interrupted(e);
            }
            throw new UnusableInputException(e.getMessage(), e);
        } catch (Exception e) {
            if (cancelled || Thread.currentThread().isInterrupted()) {
                throw interrupted(e);
            }
            throw new UnusableInputException("cannot judge suite '" + order.suite() + "': " + e.getMessage(), e);
        }
        return report(judgment, warnings);
    }

    static JudgeReport report(DisclosedJudgment j, List<String> warnings) {
        List<JudgeReport.Scenario> scenarios = j.scenarios().stream()
                .map(s -> new JudgeReport.Scenario(s.label(), s.title(), s.satisfiedTrials(), s.trials())).toList();
        return new JudgeReport(j.suite(), j.version(), j.commit(), j.disclosure().wireName(), j.satisfiedTrials(), j.totalTrials(), j.satisfaction(), j.threshold(),
                j.reached(), scenarios, j.feedback(), j.durationMs(), JudgmentJson.write(j), warnings);
    }

    private static String describe(List<String> paths) {
        if (paths.size() <= DIRTY_SHOWN) {
            return String.join(", ", paths);
        }
        return String.join(", ", paths.subList(0, DIRTY_SHOWN)) + " and " + (paths.size() - DIRTY_SHOWN) + " more";
    }

    private static String runId() {
        return "judge-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static InterruptedException interrupted(Exception cause) {
        InterruptedException e = new InterruptedException("judging was interrupted; its judge containers were removed");
        e.initCause(cause);
        return e;
    }

    /** Removes the temporary clone; what cannot be removed stays in the temp directory, which the system cleans. */
    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: see above
                }
            });
        } catch (IOException ignored) {
            // best effort: see above
        }
    }
}
