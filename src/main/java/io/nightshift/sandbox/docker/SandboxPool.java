package io.nightshift.sandbox.docker;

import io.nightshift.sandbox.FileAccessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps {@code size} sandboxes started ahead of demand so that acquiring one costs one engine round trip.
 *
 * <p>Bind mounts are fixed when a container is created, so a warm container cannot be pointed at a workspace
 * chosen later. The pool turns this around: every warm container mounts its own empty slot directory
 * ({@code slotsRoot/<container name>}), and {@link #acquire} hands that directory out as the run's workspace
 * for the caller to fill (clone or import into it) through the returned environment's host path. Each sandbox
 * still sees only its own workspace. A run whose workspace already exists elsewhere should start a
 * {@link DockerExecutionEnvironment} directly (a cold start, about half a second).
 *
 * <p>Warm containers carry the run label {@code pool} and the pool's id; after acquire they are renamed after the
 * run (in the background: acquiring is a queue poll, well under a millisecond). A warm container that died while
 * idle surfaces as a {@link SandboxLostException} on its first command. The pool refills in the background on one daemon thread; refill failures are kept for
 * {@link #lastError()} and acquiring then falls back to a cold start, which reports the failure itself.
 */
public final class SandboxPool implements AutoCloseable {

    private final DockerEngine engine;
    private final SandboxPolicy policy;
    private final Path slotsRoot;
    private final int size;
    private final String poolId = UUID.randomUUID().toString().substring(0, 8);
    private final LinkedBlockingDeque<SandboxContainer> idle = new LinkedBlockingDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ExecutorService filler = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "nightshift-sandbox-pool");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;
    private volatile RuntimeException lastError;

    public SandboxPool(DockerEngine engine, SandboxPolicy policy, Path slotsRoot, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("pool size must not be negative: " + size);
        }
        this.engine = engine;
        this.policy = policy;
        this.slotsRoot = slotsRoot.toAbsolutePath();
        this.size = size;
    }

    /**
     * Starts filling the pool in the background, after removing the leftovers of dead owners
     * ({@link SandboxReaper#reapDeadOwners()}), so a start-up after a crash begins clean.
     */
    public void start() {
        filler.execute(() -> {
            try {
                new SandboxReaper(engine).reapDeadOwners();
            } catch (RuntimeException e) {
                lastError = e;
            }
        });
        refill();
    }

    /** Waits until the pool holds {@code size} idle sandboxes; false on timeout or when a refill failed. */
    public boolean awaitWarm(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (idle.size() < size) {
            if (System.nanoTime() > deadline || (lastError != null && inFlight.get() == 0)) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    public int idle() {
        return idle.size();
    }

    /** The last failure of a background refill, or null. */
    public RuntimeException lastError() {
        return lastError;
    }

    /**
     * A running sandbox for {@code runId}, warm when one is idle, else started now. Its workspace is a new empty
     * directory; {@link DockerExecutionEnvironment#sandbox()}{@code .definition().hostWorkspace()} is its host path.
     */
    public DockerExecutionEnvironment acquire(String runId) {
        if (closed) {
            throw new IllegalStateException("the sandbox pool is closed");
        }
        SandboxContainer warm = idle.poll();
        if (warm != null) {
            String name = SandboxDefinition.containerName(runId);
            String id = warm.id();
            renameLater(id, name);
            refill();
            return new DockerExecutionEnvironment(warm.renamed(name));
        }
        refill();
        return new DockerExecutionEnvironment(launch(runId));
    }

    /** Renames off the caller's path (it costs a round trip); a failure only leaves the pool name in place. */
    private void renameLater(String id, String name) {
        try {
            filler.execute(() -> {
                try {
                    engine.run("rename sandbox", () -> engine.client().renameContainerCmd(id).withName(name).exec());
                } catch (RuntimeException ignored) {
                    // the container is gone or the engine busy: the first command reports a lost sandbox
                }
            });
        } catch (RejectedExecutionException ignored) {
            // the pool is closing
        }
    }

    private SandboxContainer launch(String runId) {
        String name = SandboxDefinition.containerName(runId);
        Path slot = slotsRoot.resolve(name);
        try {
            Files.createDirectories(slot);
        } catch (IOException e) {
            throw new FileAccessException(slot.toString(), "cannot create a sandbox workspace: " + e.getMessage(), e);
        }
        Map<String, String> labels = new HashMap<>(SandboxLabels.forRun(runId));
        labels.put(SandboxLabels.POOL, poolId);
        return new SandboxLauncher(engine).launch(new SandboxDefinition(policy, slot, name, labels,
                WorkspaceOwner.decide(policy, slot)));
    }

    private void refill() {
        while (!closed && idle.size() + inFlight.get() < size) {
            inFlight.incrementAndGet();
            filler.execute(() -> {
                try {
                    if (!closed) {
                        SandboxContainer c = launch(SandboxLabels.POOL_RUN);
                        if (closed) {
                            c.close();
                        } else {
                            idle.add(c);
                            lastError = null;
                        }
                    }
                } catch (RuntimeException e) {
                    lastError = e;
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        }
    }

    /** Stops refilling and removes the idle sandboxes (handed-out ones belong to their environments). */
    @Override
    public void close() {
        closed = true;
        filler.shutdown();
        try {
            filler.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SandboxContainer c;
        while ((c = idle.poll()) != null) {
            c.close();
        }
    }
}
