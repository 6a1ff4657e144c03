/**
 * The Attractor engine (attractor-spec): DOT parsing, graph model, validation, stylesheet, conditions, engine, handlers, interviewers, checkpoints, run directory, events. Reaches agents only through its CodergenBackend; imports only the sandbox ExecutionEnvironment contract.
 */
package io.nightshift.pipeline;
