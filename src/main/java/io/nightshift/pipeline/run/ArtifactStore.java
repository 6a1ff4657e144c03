package io.nightshift.pipeline.run;

import io.nightshift.pipeline.PipelineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named storage for stage outputs too large for the context (attractor-spec 5.5). Data is JSON-serialisable;
 * above {@link #FILE_BACKING_THRESHOLD} bytes of JSON it lives in {@code artifacts/<id>.json}, below it in memory.
 * Thread-safe.
 */
public final class ArtifactStore {

    public static final int FILE_BACKING_THRESHOLD = 100 * 1024;

    private record Entry(ArtifactInfo info, Object data) {
    }

    private final Path baseDir;
    private final boolean fsync;
    private final Clock clock;
    private final int threshold;
    private final Map<String, Entry> artifacts = new LinkedHashMap<>();

    /** @param baseDir the run directory; null keeps everything in memory */
    public ArtifactStore(Path baseDir, boolean fsync, Clock clock) {
        this(baseDir, fsync, clock, FILE_BACKING_THRESHOLD);
    }

    public ArtifactStore(Path baseDir, boolean fsync, Clock clock, int threshold) {
        this.baseDir = baseDir;
        this.fsync = fsync;
        this.clock = clock;
        this.threshold = threshold;
    }

    public synchronized ArtifactInfo store(String artifactId, String name, Object data) {
        if (artifactId == null || !artifactId.matches("[A-Za-z0-9_.-]+") || artifactId.startsWith(".")) {
            throw new PipelineException("artifact id '" + artifactId
                    + "' is not usable as a file name: use letters, digits, '_', '-' and '.'");
        }
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(data);
        } catch (IOException e) {
            throw new PipelineException("artifact '" + artifactId + "' is not JSON-serialisable: " + e.getMessage());
        }
        boolean fileBacked = bytes.length > threshold && baseDir != null;
        Object stored = data;
        if (fileBacked) {
            Path file = baseDir.resolve("artifacts").resolve(artifactId + ".json");
            AtomicFiles.write(file, bytes, fsync);
            stored = file;
        }
        ArtifactInfo info = new ArtifactInfo(artifactId, name, bytes.length, clock.instant(), fileBacked);
        artifacts.put(artifactId, new Entry(info, stored));
        return info;
    }

    /** The stored data; file-backed artifacts come back as parsed JSON (maps, lists, strings, numbers). */
    public synchronized Object retrieve(String artifactId) {
        Entry e = artifacts.get(artifactId);
        if (e == null) {
            throw new PipelineException("artifact '" + artifactId + "' not found (known: " + artifacts.keySet() + ")");
        }
        if (!e.info().fileBacked()) {
            return e.data();
        }
        Path file = (Path) e.data();
        try {
            return Json.mapper().readValue(Files.readAllBytes(file), Object.class);
        } catch (IOException ex) {
            throw new RunFileException(file, "cannot read artifact (" + ex + ")", ex);
        }
    }

    public synchronized boolean has(String artifactId) {
        return artifacts.containsKey(artifactId);
    }

    public synchronized List<ArtifactInfo> list() {
        List<ArtifactInfo> out = new ArrayList<>();
        artifacts.values().forEach(e -> out.add(e.info()));
        return out;
    }

    public synchronized void remove(String artifactId) {
        Entry e = artifacts.remove(artifactId);
        if (e != null && e.info().fileBacked()) {
            try {
                Files.deleteIfExists((Path) e.data());
            } catch (IOException ex) {
                throw new RunFileException((Path) e.data(), "cannot delete artifact (" + ex + ")", ex);
            }
        }
    }

    public synchronized void clear() {
        for (String id : List.copyOf(artifacts.keySet())) {
            remove(id);
        }
    }

    public synchronized int size() {
        return artifacts.size();
    }
}
