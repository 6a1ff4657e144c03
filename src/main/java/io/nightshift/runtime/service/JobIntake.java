package io.nightshift.runtime.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns a {@link JobRequest} into the run {@code nightshift run --repo REPOSITORY [--ref REF]} would start: the
 * repository (a local path or a URL) is cloned into the run directory, never changed in place, and the run's branch
 * comes back to it as a deliverable. The pipeline comes as DOT text or by name from the shipped pipelines directory.
 */
public final class JobIntake {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final Path pipelinesDir;

    public JobIntake(Path pipelinesDir) {
        this.pipelinesDir = pipelinesDir;
    }

    /** @throws InvalidSubmissionException for a missing repository or goal, a missing directory, an unknown pipeline */
    public RunSubmission toSubmission(JobRequest job) {
        if (job.repository() == null || job.repository().isBlank()) {
            throw new InvalidSubmissionException("a job needs \"repository\": the path of a local directory");
        }
        String repo = job.repository().strip();
        boolean url = repo.contains("://") || repo.startsWith("git@");
        if (!url) {
            Path local = Path.of(repo).toAbsolutePath().normalize();
            if (!Files.isDirectory(local)) {
                throw new InvalidSubmissionException("repository '" + repo + "' is not a directory on the server");
            }
            repo = local.toString();
        }
        if (job.pullRequest() != null && !url) {
            throw new InvalidSubmissionException("\"deliver\": \"pull_request\" needs a repository URL on the forge"
                    + " (repository.url), not the local directory '" + repo + "'");
        }
        if (job.goal() == null || job.goal().isBlank()) {
            throw new InvalidSubmissionException("a job needs a \"goal\": what the agents should achieve");
        }
        boolean byName = job.pipeline() != null && !job.pipeline().isBlank();
        boolean byText = job.dot() != null && !job.dot().isBlank();
        if (byName == byText) {
            throw new InvalidSubmissionException("give exactly one of \"pipeline\" (a name from " + available()
                    + ") or \"dot\" (the DOT text)");
        }
        String name = byName ? job.pipeline().strip().replaceFirst("\\.dot$", "") + ".dot" : "job.dot";
        String dot = byName ? read(name) : job.dot();
        return new RunSubmission("job", dot, name, job.simulate(), job.autoApprove(), job.goal(), job.settings(),
                null, repo, job.ref(), job.sandbox(), job.model(), job.allowLocalHoldout(), job.provider(),
                job.pullRequest(), job.bounds());
    }

    private String read(String fileName) {
        String base = fileName.substring(0, fileName.length() - 4);
        Path file = pipelinesDir.resolve(fileName);
        if (!NAME.matcher(base).matches() || !Files.isRegularFile(file)) {
            throw new InvalidSubmissionException("no pipeline named '" + base + "'; available: " + available());
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidSubmissionException("cannot read pipeline " + file + ": " + e.getMessage());
        }
    }

    /** The names of the shipped pipelines. */
    public List<String> available() {
        if (!Files.isDirectory(pipelinesDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(pipelinesDir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".dot"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
