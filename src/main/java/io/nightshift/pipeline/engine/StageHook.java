package io.nightshift.pipeline.engine;

import io.nightshift.pipeline.state.Outcome;
import java.nio.file.Path;

/**
 * Called on the engine thread after each top-level stage completed and its checkpoint was saved, before routing
 * (e.g. the runtime commits the workspace here). Not called for stages inside parallel branches. Whatever it
 * throws fails the run with the hook's message; it should honour interruption, as {@code cancel()} interrupts it.
 */
@FunctionalInterface
interface StageHook {

    void afterStage(String nodeId, Outcome outcome, Path logsRoot) throws Exception;
}
