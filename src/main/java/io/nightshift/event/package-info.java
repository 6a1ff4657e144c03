/**
 * The event protocol (attractor-spec 9.6, coding-agent spec 2.9): the sealed {@link io.nightshift.event.PipelineEvent}
 * and {@link io.nightshift.event.AgentEvent} hierarchies, their kinds, and the sinks and emitter that carry them.
 * Data only; it imports nothing of ours, so every layer and every edge may use it.
 */
package io.nightshift.event;
