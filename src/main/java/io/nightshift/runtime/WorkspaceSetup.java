package io.nightshift.runtime;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.run.Checkpoint;
import io.nightshift.pipeline.run.RunDirectory;
import io.nightshift.workspace.AdoptRequest;
import io.nightshift.workspace.Identity;
import io.nightshift.workspace.IntakeRequest;
import io.nightshift.pipeline.run.AgentFiles;
import io.nightshift.pipeline.run.Json;
import io.nightshift.workspace.Workspace;
import io.nightshift.workspace.WorkspaceOrigin;
import io.nightshift.workspace.WorkspaceException;
import io.nightshift.workspace.WorkspaceSettings;
import io.nightshift.workspace.Workspaces;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the git workspace of a run (issue 6, intake): {@code --repo} clones into {@code <run dir>/workspace},
 * {@code --workspace DIR} works in DIR (a plain or empty directory becomes a repository), neither makes a fresh
 * repository in {@code <run dir>/workspace}; a resume reopens the workspace the checkpoint names. Every failure
 * becomes an {@link UnusableInputException} with the workspace layer's message (never a token).
 */
final class WorkspaceSetup {

    /** Context keys the run records its workspace under, so a resume finds it again. */
    static final String DIRECTORY_KEY = "workspace.directory";
    static final String BRANCH_KEY = "workspace.branch";
    /**
     * The workspace's origin ({@link WorkspaceOrigin}: where it is, how it was made, where its work is delivered),
     * kept in the run directory: the sandbox sees the run directory read-only, while the workspace's
     * {@code .git/config} is the agent's to rewrite.
     */
    static final String ORIGIN_FILE = "workspace-origin.json";

    private WorkspaceSetup() {
    }

    /** A new run's workspace. */
    static Workspace create(RunRequest request, Path logsRoot, Graph graph, String runId, Map<String, String> env,
            Clock clock) {
        WorkspaceSettings settings = settings(graph, env);
        Path runDir = logsRoot.toAbsolutePath().normalize();
        Workspace ws = guarded(() -> {
            if (request.repo() != null) {
                if (request.workspace() != null) {
                    throw new UnusableInputException("--repo and --workspace exclude each other: --repo clones into "
                            + "the run directory, --workspace works in a directory as it is; choose one");
                }
                return Workspaces.intake(new IntakeRequest(request.repo(), request.ref(), runId,
                        runDir.resolve("workspace"), env, settings), clock);
            }
            Path dir = request.workspace() != null ? request.workspace().toAbsolutePath().normalize()
                    : runDir.resolve("workspace");
            if (request.workspace() == null) {
                createDirectories(dir);
            } else if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new UnusableInputException("--workspace " + dir + " is neither a git repository nor a "
                        + "directory; pass a directory (it becomes a repository when it is not one)");
            } else if (!Files.exists(dir)) {
                throw new UnusableInputException("--workspace " + dir + " does not exist; create it or pass an "
                        + "existing directory");
            }
            return Workspaces.adopt(new AdoptRequest(dir, request.ref(), runId, request.allowDirty(), settings), clock);
        });
        excludeRunDirectory(ws, runDir);
        recordOrigin(ws, runDir);
        return ws;
    }

    /** The workspace of the run being resumed, and the commit its checkpoint recorded (empty: none yet). */
    static Workspace reopen(RunRequest request, Path logsRoot, Graph graph, String runId, Map<String, String> env,
            Clock clock) {
        Path runDir = logsRoot.toAbsolutePath().normalize();
        Optional<WorkspaceOrigin> origin = readOrigin(runDir);
        // A stage's status.json can set any context key, so the checkpoint's word on the directory counts only for
        // runs from before the origin was recorded.
        Object legacy = origin.isPresent() ? null
                : readCheckpoint(runDir).map(cp -> cp.context().get(DIRECTORY_KEY)).orElse(null);
        Path dir = request.workspace() != null ? request.workspace().toAbsolutePath().normalize()
                : origin.map(o -> Path.of(o.directory()))
                        .orElse(legacy != null ? Path.of(legacy.toString()) : runDir.resolve("workspace"));
        clearStaleLocks(dir.resolve(".git"));
        WorkspaceSettings settings = settings(graph, env);
        Workspace ws = guarded(() -> origin.filter(o -> Path.of(o.directory()).equals(dir))
                .map(o -> Workspaces.open(o, runId, env, settings, clock))
                .orElseGet(() -> Workspaces.open(dir, runId, env, settings, clock)));
        excludeRunDirectory(ws, runDir);
        return ws;
    }

    /**
     * A run killed in the middle of a commit leaves git's lock files behind ({@code index.lock}, {@code *.lock}
     * under {@code refs/}); a resume takes over from that dead process, so it removes them before reopening.
     */
    static List<String> clearStaleLocks(Path gitDir) {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(gitDir)) {
            return removed;
        }
        List<Path> candidates = new ArrayList<>();
        for (String name : List.of("index.lock", "HEAD.lock", "packed-refs.lock", "config.lock")) {
            candidates.add(gitDir.resolve(name));
        }
        for (String tree : List.of("refs", "worktrees")) {
            Path root = gitDir.resolve(tree);
            if (Files.isDirectory(root)) {
                try (var files = Files.walk(root)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".lock")).forEach(candidates::add);
                } catch (IOException e) {
                    throw new UnusableInputException("cannot look for stale git locks in " + root + ": "
                            + e.getMessage(), e);
                }
            }
        }
        for (Path lock : candidates) {
            try {
                if (Files.deleteIfExists(lock)) {
                    removed.add(gitDir.relativize(lock).toString());
                }
            } catch (IOException e) {
                throw new UnusableInputException("cannot remove the stale git lock " + lock + " left by the "
                        + "interrupted run: " + e.getMessage() + "; remove it by hand and resume again", e);
            }
        }
        return removed;
    }

    private static void recordOrigin(Workspace ws, Path runDir) {
        try {
            io.nightshift.pipeline.run.AtomicFiles.write(runDir.resolve(ORIGIN_FILE),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(ws.origin()), false);
        } catch (IOException | RuntimeException e) {
            ws.close();
            throw new UnusableInputException("cannot record the workspace's origin in " + runDir.resolve(ORIGIN_FILE)
                    + ": " + e.getMessage(), e);
        }
    }

    /** The origin the run recorded; empty for a run made before Nightshift recorded it (or when it is unreadable). */
    static Optional<WorkspaceOrigin> readOrigin(Path runDir) {
        try {
            return AgentFiles.read(runDir, runDir.resolve(ORIGIN_FILE), 64 * 1024)
                    .map(bytes -> {
                        try {
                            return Json.mapper().readValue(bytes, WorkspaceOrigin.class);
                        } catch (IOException e) {
                            throw new UnusableInputException("the run's " + ORIGIN_FILE + " is not readable ("
                                    + e.getClass().getSimpleName() + "); it was written by Nightshift, so the run"
                                    + " directory was changed by hand", e);
                        }
                    });
        } catch (IOException e) {
            throw new UnusableInputException("the run's " + ORIGIN_FILE + " is refused: " + e.getMessage(), e);
        }
    }

    /** The commit the checkpoint of the run in {@code logsRoot} holds, if any. */
    static Optional<String> checkpointCommit(Path logsRoot) {
        return readCheckpoint(logsRoot).map(cp -> cp.context().get(io.nightshift.pipeline.handler.WorkspaceHooks.COMMIT_KEY))
                .map(Object::toString).filter(s -> !s.isBlank());
    }

    /**
     * Identity, deny list, protected paths and large-file threshold: the defaults, then the environment
     * ({@code NIGHTSHIFT_WORKSPACE_PROTECTED}, {@code NIGHTSHIFT_WORKSPACE_DENY}, comma-separated globs, and
     * {@code NIGHTSHIFT_WORKSPACE_LARGE_FILE_BYTES}), then the pipeline's graph attributes
     * {@code workspace.protected}, {@code workspace.deny} and {@code workspace.large_file_bytes}. The disk bound of
     * the workspace: {@code workspace.max_bytes}, else {@code NIGHTSHIFT_WORKSPACE_MAX_BYTES}, else 10 GiB, a size
     * in bytes with an optional {@code k}, {@code m} or {@code g} (binary units). The author and
     * committer of stage commits: {@code NIGHTSHIFT_GIT_AUTHOR_NAME} and {@code NIGHTSHIFT_GIT_AUTHOR_EMAIL}, else
     * the Nightshift identity.
     */
    static WorkspaceSettings settings(Graph graph, Map<String, String> env) {
        List<String> deny = new ArrayList<>(WorkspaceSettings.DEFAULT_DENY_PATTERNS);
        deny.addAll(globs(env.get("NIGHTSHIFT_WORKSPACE_DENY")));
        deny.addAll(globs(graph.attrs().string("workspace.deny", "")));
        List<String> protectedPaths = new ArrayList<>(globs(env.get("NIGHTSHIFT_WORKSPACE_PROTECTED")));
        protectedPaths.addAll(globs(graph.attrs().string("workspace.protected", "")));
        String large = graph.attrs().string("workspace.large_file_bytes",
                env.getOrDefault("NIGHTSHIFT_WORKSPACE_LARGE_FILE_BYTES", ""));
        try {
            WorkspaceSettings settings = WorkspaceSettings.defaults().withDenyPatterns(deny)
                    .withProtectedPatterns(protectedPaths);
            String name = env.get("NIGHTSHIFT_GIT_AUTHOR_NAME");
            String email = env.get("NIGHTSHIFT_GIT_AUTHOR_EMAIL");
            if (name != null || email != null) {
                settings = settings.withIdentity(new Identity(name != null ? name : Identity.NIGHTSHIFT.name(),
                        email != null ? email : Identity.NIGHTSHIFT.email()));
            }
            String max = graph.attrs().string("workspace.max_bytes",
                    env.getOrDefault("NIGHTSHIFT_WORKSPACE_MAX_BYTES", ""));
            if (!max.isBlank()) {
                settings = settings.withMaxBytes(size("workspace.max_bytes", max));
            }
            return large.isBlank() ? settings : settings.withLargeFileThreshold(Long.parseLong(large.strip()));
        } catch (IllegalArgumentException e) {
            throw new UnusableInputException(graph.sourceFile() + ": workspace settings: " + e.getMessage(), e);
        }
    }

    /**
     * The disk bound of each stage directory: {@code stage.max_bytes}, else {@code NIGHTSHIFT_STAGE_MAX_BYTES}, else
     * {@link io.nightshift.pipeline.engine.RunConfig#DEFAULT_STAGE_MAX_BYTES}, a size as for
     * {@code workspace.max_bytes}.
     */
    static long stageMaxBytes(Graph graph, Map<String, String> env) {
        String max = graph.attrs().string("stage.max_bytes", env.getOrDefault("NIGHTSHIFT_STAGE_MAX_BYTES", ""));
        if (max.isBlank()) {
            return io.nightshift.pipeline.engine.RunConfig.DEFAULT_STAGE_MAX_BYTES;
        }
        try {
            return size("stage.max_bytes", max);
        } catch (IllegalArgumentException e) {
            throw new UnusableInputException(graph.sourceFile() + ": " + e.getMessage(), e);
        }
    }

    private static final java.util.regex.Pattern SIZE =
            java.util.regex.Pattern.compile("(\\d+)\\s*([kmg]?)(i?b)?", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** A size such as {@code 1048576}, {@code 512m} or {@code 2GiB} (binary units). */
    private static long size(String key, String text) {
        java.util.regex.Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " must be a size such as 1048576, 512m or 2g, got '" + text + "'");
        }
        int shift = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        long value = Long.parseLong(m.group(1));
        if (value > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException(key + " is too large: '" + text + "'");
        }
        return value << shift;
    }

    private static List<String> globs(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Keeps a run directory that lies inside the workspace out of its commits (git's info/exclude). */
    private static void excludeRunDirectory(Workspace ws, Path runDir) {
        Path root = ws.directory().toAbsolutePath().normalize();
        Path gitDir = root.resolve(".git");
        if (!runDir.startsWith(root) || runDir.equals(root) || !Files.isDirectory(gitDir)) {
            return;
        }
        String line = "/" + root.relativize(runDir).toString().replace('\\', '/') + "/";
        Path exclude = gitDir.resolve("info").resolve("exclude");
        try {
            if (Files.exists(exclude) && Files.readAllLines(exclude, StandardCharsets.UTF_8).contains(line)) {
                return;
            }
            Files.createDirectories(exclude.getParent());
            Files.writeString(exclude, "\n# the Nightshift run directory\n" + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            ws.close();
            throw new UnusableInputException("cannot keep the run directory " + runDir + " out of the workspace's "
                    + "commits (" + exclude + "): " + e.getMessage(), e);
        }
    }

    private static Optional<Checkpoint> readCheckpoint(Path runDir) {
        try {
            return new RunDirectory(runDir, false).readCheckpoint();
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UnusableInputException("cannot create the workspace " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Workspace guarded(java.util.function.Supplier<Workspace> action) {
        try {
            return action.get();
        } catch (io.nightshift.workspace.DirtyWorkingTreeException e) {
            throw new UnusableInputException(e.getMessage() + " To go ahead anyway, add --allow-dirty.", e);
        } catch (WorkspaceException e) {
            throw new UnusableInputException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UnusableInputException("workspace: " + e.getMessage(), e);
        }
    }
}
