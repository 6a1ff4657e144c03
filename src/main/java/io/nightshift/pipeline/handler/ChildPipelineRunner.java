package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.graph.Graph;
import java.nio.file.Path;

/** Starts a child pipeline on its own engine, in the background, with its own run directory. */
@FunctionalInterface
public interface ChildPipelineRunner {

    ChildRun start(Graph child, Path logsRoot);
}
