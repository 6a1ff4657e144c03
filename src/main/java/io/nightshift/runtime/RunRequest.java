package io.nightshift.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * One {@code nightshift run}, as the user asked for it.
 *
 * @param pipeline the DOT file; may be null when resuming (the manifest names it)
 * @param simulate use the simulation backend even when an LLM is configured
 * @param autoApprove answer every human gate with its first option
 * @param logsDir the run directory; null for {@code runs/<pipeline>-<time>} under the current directory
 * @param resumeDir the run directory to continue; null for a new run
 * @param settings {@code --set key=value} pairs, added to the run context
 * @param workspace the directory the tools work in; null for the current directory
 * @param sandbox {@code local} or {@code docker}; null for the default
 */
public record RunRequest(Path pipeline, boolean simulate, boolean autoApprove, Path logsDir, Path resumeDir,
        Map<String, String> settings, Path workspace, String sandbox) {

    public RunRequest {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public boolean resuming() {
        return resumeDir != null;
    }
}
