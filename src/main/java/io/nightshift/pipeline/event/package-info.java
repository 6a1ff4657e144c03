/**
 * The events of a pipeline run (attractor-spec 9.6): one sealed {@link io.nightshift.pipeline.event.PipelineEvent}
 * hierarchy and the {@link io.nightshift.pipeline.event.EventSink} that receives it. Data only; edges may use it.
 */
package io.nightshift.pipeline.event;
