package io.nightshift.pipeline.handler;

import io.nightshift.event.EventEmitter;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.run.ArtifactStore;
import io.nightshift.pipeline.run.AtomicFiles;
import io.nightshift.pipeline.state.Context;
import java.nio.file.Path;

/**
 * Everything a handler gets for one attempt of one stage.
 *
 * @param logsRoot the run directory
 * @param stageDir {@code <logsRoot>/<node id>}, created before the handler runs
 * @param attempt 1 for the first try, 2 for the first retry ...
 * @param fidelity the resolved context fidelity of this stage (attractor-spec 5.4)
 * @param threadId the resolved thread key
 * @param branches runs parallel branches (used by the parallel handler)
 * @param children starts child pipelines (used by the manager loop handler)
 * @param run the run so far (its id and completed stages), for backends that brief a fresh agent
 */
public record StageContext(Node node, Context context, Graph graph, Path logsRoot, Path stageDir, String runId,
        int attempt, String fidelity, String threadId, EventEmitter events, ArtifactStore artifacts,
        BranchRunner branches, ChildPipelineRunner children, boolean fsync, RunSoFar run) {

    /** Writes a file of the stage directory atomically. */
    public void writeFile(String name, String text) {
        AtomicFiles.writeString(stageDir.resolve(name), text, fsync);
    }
}
