package io.nightshift.pipeline.engine;

import io.nightshift.pipeline.PipelineException;

/**
 * The run's thread was interrupted by its owner (a stopping service), not cancelled. The run stops where it is, as if
 * its process had been killed: no terminal checkpoint or event, and a resume runs the interrupted stage again.
 */
final class RunStoppedException extends PipelineException {

    RunStoppedException(String nodeId) {
        super("the run was stopped during stage '" + nodeId + "' (its process is shutting down); resume it to run '"
                + nodeId + "' again");
    }
}
