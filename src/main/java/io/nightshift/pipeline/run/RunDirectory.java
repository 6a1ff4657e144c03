package io.nightshift.pipeline.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The files of one run (attractor-spec 5.6, DESIGN.md): {@code manifest.json}, {@code checkpoint.json},
 * {@code events.jsonl}, {@code artifacts/} and one directory per stage. Every whole-file write is atomic
 * ({@link AtomicFiles}). Node ids that are not safe file names are mapped to one ({@link #stageDir}).
 */
public final class RunDirectory {

    public static final String MANIFEST = "manifest.json";
    public static final String EVENTS = "events.jsonl";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]+");

    private final Path root;
    private final boolean fsync;

    public RunDirectory(Path root, boolean fsync) {
        this.root = root.toAbsolutePath().normalize();
        this.fsync = fsync;
    }

    /** Creates the directory (and parents); fails with the path when it cannot. */
    public RunDirectory create() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new RunFileException(root, "cannot create the run directory (" + e + ")", e);
        }
        return this;
    }

    public Path root() {
        return root;
    }

    public boolean fsync() {
        return fsync;
    }

    /** {@code <root>/<node id>}, with characters outside {@code [A-Za-z0-9_.-]} replaced by {@code _}. */
    public Path stageDir(String nodeId) {
        String name = SAFE.matcher(nodeId).matches() && !nodeId.equals(".") && !nodeId.equals("..") ? nodeId
                : nodeId.replaceAll("[^A-Za-z0-9_-]", "_");
        return root.resolve(name);
    }

    public Path eventsFile() {
        return root.resolve(EVENTS);
    }

    public Path checkpointFile() {
        return root.resolve(Checkpoint.FILE);
    }

    public Path artifactsDir() {
        return root.resolve("artifacts");
    }

    public void writeStageFile(String nodeId, String fileName, String text) {
        AtomicFiles.writeString(stageDir(nodeId).resolve(fileName), text, fsync);
    }

    public void writeManifest(Manifest manifest) {
        writeJson(root.resolve(MANIFEST), manifest);
    }

    public Optional<Manifest> readManifest() {
        return readJson(root.resolve(MANIFEST), Manifest.class);
    }

    public void writeCheckpoint(Checkpoint checkpoint) {
        writeJson(checkpointFile(), checkpoint);
    }

    public void writeFinal(FinalReport report) {
        writeJson(root.resolve(FinalReport.FILE), report);
    }

    public Optional<FinalReport> readFinal() {
        return readJson(root.resolve(FinalReport.FILE), FinalReport.class);
    }

    public Optional<Checkpoint> readCheckpoint() {
        return readJson(checkpointFile(), Checkpoint.class);
    }

    void writeJson(Path file, Object value) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new RunFileException(file, "cannot serialise " + value.getClass().getSimpleName()
                    + " (a context value is not JSON data?): " + e.getMessage(), e);
        }
        AtomicFiles.write(file, bytes, fsync);
    }

    private static <T> Optional<T> readJson(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(file.toFile(), type));
        } catch (IOException e) {
            throw new RunFileException(file, "is not a valid " + type.getSimpleName().toLowerCase()
                    + " file (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }
}
