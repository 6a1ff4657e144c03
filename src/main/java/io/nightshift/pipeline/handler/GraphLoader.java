package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.graph.Graph;
import java.nio.file.Path;

/** Reads, transforms and validates a DOT file into a runnable graph; the runtime plugs in the parser. */
@FunctionalInterface
public interface GraphLoader {

    /** @throws io.nightshift.pipeline.PipelineException with a clear message when the file is unusable */
    Graph load(Path dotFile);
}
