package io.nightshift.runtime;

import io.nightshift.pipeline.PipelineException;
import io.nightshift.pipeline.engine.PipelineEngine;
import io.nightshift.pipeline.engine.RunConfig;
import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.event.EventSink;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.handler.CodergenBackend;
import io.nightshift.pipeline.human.Interviewer;
import io.nightshift.pipeline.run.Manifest;
import io.nightshift.pipeline.run.RunDirectory;
import io.nightshift.pipeline.transform.PreparedPipeline;
import io.nightshift.pipeline.validate.Diagnostic;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.SandboxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link RunRequest} into a running engine: finds the pipeline (also from a run directory's manifest),
 * loads and validates it, picks the run directory, the backend, the interviewer and the environment the tools
 * run in, and runs it. One launcher per process; {@link #cancel} stops the run in progress.
 */
public final class RunLauncher {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final PipelineLoader loader;
    private final Map<String, String> environment;
    private volatile PipelineEngine engine;

    /** @param environment the process environment, passed in so that tests never depend on the real one */
    public RunLauncher(PipelineLoader loader, Map<String, String> environment) {
        this.loader = loader;
        this.environment = Map.copyOf(environment);
    }

    /** What a run is about to do, for the CLI to show before it starts. */
    public record Plan(Path pipeline, Graph graph, List<Diagnostic> warnings, Path logsRoot, String backend,
            String sandbox) {
    }

    /**
     * Validates the request and decides everything, without running anything yet.
     *
     * @throws UnusableInputException for missing files, unreadable DOT, unusable run directories
     * @throws InvalidPipelineException when the pipeline has validation errors
     */
    public Plan plan(RunRequest request) {
        Path pipeline = request.pipeline();
        if (request.resuming()) {
            requireResumable(request.resumeDir());
            if (pipeline == null) {
                pipeline = pipelineFromManifest(request.resumeDir());
            }
        } else if (pipeline == null) {
            throw new UnusableInputException("no pipeline given: nightshift run PIPELINE.dot");
        }
        PreparedPipeline prepared = loader.load(pipeline);
        Path logsRoot = request.resuming() ? request.resumeDir() : newLogsRoot(request, prepared.graph());
        String sandbox = SandboxChoice.decide(request.sandbox(), prepared.graph());
        return new Plan(pipeline, prepared.graph(), prepared.warnings(), logsRoot,
                CodergenBackends.describe(request.simulate(), environment), sandbox);
    }

    /** Runs a plan to its end; sinks see every event. Throws only when the run cannot start. */
    public RunResult run(RunRequest request, Plan plan, Interviewer interviewer, List<EventSink> sinks) {
        Path workdir = workspaceOf(request, plan);
        String runId = runIdOf(request);
        try (ExecutionEnvironment tools = SandboxChoice.open(plan.sandbox(), plan.graph(), workdir, runId, environment,
                plan.logsRoot())) {
            tools.initialize();
            CodergenBackend backend = CodergenBackends.open(request.simulate(), environment, tools, () -> engine);
            RunConfig.Builder config = RunConfig.builder(plan.logsRoot())
                    .runId(runId)
                    .backend(backend)
                    .resume(request.resuming())
                    .interviewer(interviewer)
                    .environment(tools)
                    .graphLoader(file -> loader.load(file).graph());
            sinks.forEach(config::sink);
            request.settings().forEach(config::set);
            PipelineEngine current = new PipelineEngine(config.build());
            engine = current;
            try {
                return current.run(plan.graph());
            } catch (PipelineException | SandboxException e) {
                throw new UnusableInputException(e.getMessage(), e);
            } finally {
                engine = null;
                if (backend instanceof AutoCloseable closeable) {
                    closeQuietly(closeable);
                }
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // ending the agent sessions of a finished run must not change its result
        }
    }

    /** Cancels the run in progress, if any: the current stage is interrupted and a final checkpoint written. */
    public void cancel(String reason) {
        PipelineEngine current = engine;
        if (current != null) {
            current.cancel(reason);
        }
    }

    /**
     * The directory the tools work in: {@code --workspace} as given, else a fresh {@code workspace/} inside the
     * run directory, so that an unattended run never writes into whatever directory it was started from.
     */
    public static Path workspaceOf(RunRequest request, Plan plan) {
        Path dir = request.workspace() != null ? request.workspace().toAbsolutePath()
                : plan.logsRoot().toAbsolutePath().resolve("workspace");
        if (request.workspace() == null) {
            try {
                Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw new UnusableInputException("cannot create the workspace " + dir + ": " + e.getMessage(), e);
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new UnusableInputException("--workspace " + dir + " is not a directory");
        }
        return dir;
    }

    /** A resumed run keeps its id (its containers and commits are labelled with it); a new one gets a fresh id. */
    private static String runIdOf(RunRequest request) {
        if (request.resuming()) {
            try {
                Optional<Manifest> manifest = new RunDirectory(request.resumeDir(), false).readManifest();
                if (manifest.isPresent() && manifest.get().runId() != null && !manifest.get().runId().isBlank()) {
                    return manifest.get().runId();
                }
            } catch (RuntimeException unreadable) {
                // the engine reports an unreadable manifest when it resumes
            }
        }
        return java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    private Path newLogsRoot(RunRequest request, Graph graph) {
        if (request.logsDir() != null) {
            Path dir = request.logsDir();
            if (Files.exists(dir.resolve("checkpoint.json")) || Files.exists(dir.resolve(RunDirectory.MANIFEST))) {
                throw new UnusableInputException(dir + " already holds a run: continue it with --resume " + dir
                        + ", or choose another --logs-dir");
            }
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new UnusableInputException("--logs-dir " + dir + " exists and is not a directory");
            }
            return dir;
        }
        String name = graph.id().isBlank() ? "pipeline" : graph.id();
        Path base = Path.of("runs").resolve(name + "-" + LocalDateTime.now().format(STAMP));
        Path candidate = base;
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = Path.of(base + "-" + i);
        }
        return candidate;
    }

    private static void requireResumable(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UnusableInputException("cannot resume: " + dir + " is not a run directory (it does not exist)");
        }
        if (!Files.exists(dir.resolve(RunDirectory.MANIFEST)) && !Files.exists(dir.resolve("checkpoint.json"))) {
            throw new UnusableInputException("cannot resume: " + dir
                    + " holds no manifest.json or checkpoint.json; pass the directory a run wrote");
        }
    }

    private static Path pipelineFromManifest(Path dir) {
        Optional<Manifest> manifest;
        try {
            manifest = new RunDirectory(dir, false).readManifest();
        } catch (RuntimeException e) {
            throw new UnusableInputException("cannot resume: " + dir.resolve(RunDirectory.MANIFEST)
                    + " is unreadable (" + e.getMessage() + "); pass the pipeline too: --resume " + dir + " PIPELINE.dot");
        }
        String source = manifest.map(Manifest::sourceFile).orElse("");
        if (source == null || source.isBlank()) {
            throw new UnusableInputException("cannot resume: the manifest in " + dir
                    + " does not name its pipeline; pass it: --resume " + dir + " PIPELINE.dot");
        }
        return Path.of(source);
    }
}
