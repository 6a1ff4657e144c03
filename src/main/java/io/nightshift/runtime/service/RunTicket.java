package io.nightshift.runtime.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The message the service puts on the broker's durable queue for one dispatch of a run (issue 18): what a worker
 * needs to run it. A worker first claims it ({@link WorkerDesk#claim}); the claim refuses a ticket whose
 * {@code dispatch} is not the run's latest (the service dispatched the run again since), so a stale copy of a
 * message is dropped, never run.
 *
 * @param runId the run's id on the service
 * @param dispatch which dispatch of the run this is (1, 2 ... : each resume or service restart dispatches anew)
 * @param submission the run as submitted
 * @param dot the pipeline's DOT text
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunTicket(String runId, long dispatch, RunSubmission submission, String dot) {
}
