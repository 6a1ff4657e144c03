package io.nightshift.runtime.service;

import io.nightshift.pipeline.run.Checkpoint;
import io.nightshift.pipeline.run.RunDirectory;
import io.nightshift.pipeline.run.AgentFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Read-only views of a run directory for the HTTP edge: checkpoint, context, stage files and deliverables. Names
 * coming from a URL are checked against a strict pattern, so nothing outside the run directory is ever served.
 * Tool stages write into their stage directories from inside the sandbox, so stage files are listed and served
 * only when they are plain files reached through no link ({@link AgentFiles}): a link to a host file is neither.
 */
public final class RunFiles {

    /** The deliverables a job may produce in {@code <run dir>/deliverables/}. */
    public static final List<String> DELIVERABLES = List.of("changes.patch", "run.bundle", "summary.md");

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}");
    private static final Set<String> NOT_STAGES = Set.of("artifacts", "workspace", "deliverables");

    /** One file of a stage directory. */
    public record StageFile(String stage, String name, long size) {
    }

    private RunFiles() {
    }

    public static Optional<Checkpoint> checkpoint(ManagedRun run) {
        try {
            return new RunDirectory(run.dir(), false).readCheckpoint();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The context of the last checkpoint; empty before the first stage completes. */
    public static Map<String, Object> context(ManagedRun run) {
        return checkpoint(run).map(Checkpoint::context).orElse(Map.of());
    }

    /** Every file directly inside a stage directory ({@code <node>/status.json}, {@code prompt.md} ...). */
    public static List<StageFile> stageFiles(ManagedRun run) {
        List<StageFile> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(run.dir())) {
            for (Path d : dirs.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                String stage = d.getFileName().toString();
                if (NOT_STAGES.contains(stage)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(d)) {
                    for (Path f : files.filter(p -> AgentFiles.isPlainFile(run.dir(), p)).sorted().toList()) {
                        out.add(new StageFile(stage, f.getFileName().toString(),
                                Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size()));
                    }
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /**
     * A stage file's content, opened without following links, if the names are plain and it is a plain file
     * (a link, FIFO or device in a stage directory is treated as absent). The caller closes the stream.
     */
    public static Optional<InputStream> stageFile(ManagedRun run, String stage, String name) {
        if (!safe(stage) || !safe(name) || NOT_STAGES.contains(stage)) {
            return Optional.empty();
        }
        try {
            return AgentFiles.open(run.dir(), run.dir().resolve(stage).resolve(name));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The deliverables present in the run directory, by name. */
    public static List<String> deliverables(ManagedRun run) {
        return DELIVERABLES.stream().filter(n -> Files.isRegularFile(run.dir().resolve("deliverables").resolve(n)))
                .toList();
    }

    public static Optional<Path> deliverable(ManagedRun run, String name) {
        if (!DELIVERABLES.contains(name)) {
            return Optional.empty();
        }
        Path f = run.dir().resolve("deliverables").resolve(name);
        return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    private static boolean safe(String s) {
        return s != null && SAFE.matcher(s).matches() && !s.contains("..");
    }
}
