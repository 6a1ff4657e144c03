package io.nightshift.runtime.service;

import io.nightshift.pipeline.run.RunDirectory;
import io.nightshift.runtime.ModelRequirement;
import io.nightshift.runtime.RunRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a submitted run becomes the launcher's request, the same in the service and in a worker (issue 18). */
public final class RunRequests {

    private RunRequests() {
    }

    /**
     * The request that runs {@code s} in {@code runDir} (with its DOT in {@code runDir/pipeline.dot}), resuming
     * from the checkpoint there when {@code resume} is asked for and the engine had written one (a run stopped
     * before its engine wrote anything starts over in place). {@code runId} is the job's id, which names the engine's
     * run too (its manifest, events and branch).
     */
    public static RunRequest of(RunSubmission s, Path runDir, String runId, boolean resume) {
        // a job hands over a repository: it is cloned (--repo), so the workspace is the run's own
        boolean handedOver = handedOver(s);
        Path workspace = workspace(s, runDir);
        Map<String, String> settings = new LinkedHashMap<>(s.settings());
        if (s.goal() != null && !s.goal().isBlank()) {
            settings.put("goal", s.goal());
        }
        Path pipeline = runDir.resolve(RunRegistry.PIPELINE);
        boolean fromCheckpoint = resume && (Files.exists(runDir.resolve(RunDirectory.MANIFEST))
                || Files.exists(runDir.resolve("checkpoint.json")));
        return new RunRequest(pipeline, s.simulate(), s.autoApprove(), fromCheckpoint ? null : runDir,
                fromCheckpoint ? runDir : null, settings, handedOver ? null : workspace, s.sandbox(),
                handedOver ? s.repository() : null, handedOver ? s.ref() : null, false, false, s.allowLocalHoldout(),
                ModelRequirement.choose(s.provider(), s.model()), false, s.bounds().budget(),
                s.bounds().stallTimeoutDuration(), s.pullRequest(), runId, s.trigger());
    }

    /** Whether the run clones a repository (a job) rather than working in a directory. */
    public static boolean handedOver(RunSubmission s) {
        return s.repository() != null && !s.repository().isBlank();
    }

    /** The directory tools work in when the run does not clone a repository. */
    public static Path workspace(RunSubmission s, Path runDir) {
        return s.workspace() != null ? Path.of(s.workspace()) : runDir.resolve("workspace");
    }
}
