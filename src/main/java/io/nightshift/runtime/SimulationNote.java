package io.nightshift.runtime;

import io.nightshift.pipeline.run.AtomicFiles;
import io.nightshift.pipeline.run.Manifest;
import io.nightshift.pipeline.run.RunDirectory;
import io.nightshift.workspace.WorkspaceStorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Simulation is never silent: a run whose manifest says {@code "simulated": true} gets a section in its
 * {@code summary.md} saying that no model was called.
 */
final class SimulationNote {

    static final String SECTION = "\n## Simulated\n\nThis run was simulated (`--simulate`, or `\"simulate\": true` in"
            + " the service): no model was called and every LLM stage got a canned answer.\n";

    private SimulationNote() {
    }

    static boolean simulated(Path logsRoot) {
        try {
            return new RunDirectory(logsRoot, false).readManifest().map(Manifest::isSimulated).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Appends {@link #SECTION} to {@code summary} when the run in {@code logsRoot} was simulated. */
    static void append(Path summary, Path logsRoot) {
        if (summary == null || !simulated(logsRoot)) {
            return;
        }
        try {
            AtomicFiles.writeString(summary, Files.readString(summary) + SECTION, false);
        } catch (IOException | RuntimeException e) {
            throw new WorkspaceStorageException("cannot add the simulation note to " + summary + ": "
                    + e.getMessage(), false, e);
        }
    }
}
