package io.nightshift.runtime.wiring;

import io.nightshift.event.EventSink;
import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.run.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.smallrye.reactive.messaging.annotations.Broadcast;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes every run event, as its JSON line, on the reactive messaging channel {@code pipeline-events}
 * (in memory by default, consumed by {@link RunMetrics}; it broadcasts, so a broker connector configured as
 * {@code mp.messaging.outgoing.pipeline-events.connector=...} receives it too). Never blocks or throws into the
 * engine: when the channel's buffer is full the event is dropped from the channel only (the run's history and
 * events.jsonl still have it).
 */
@ApplicationScoped
public class EventChannel implements EventSink {

    public static final String CHANNEL = "pipeline-events";

    @Inject
    @Channel(CHANNEL)
    @Broadcast
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
    Emitter<String> emitter;

    @Override
    public void accept(PipelineEvent event) {
        try {
            emitter.send(Json.mapper().writeValueAsString(event));
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            // overflow or no subscriber: the channel copy is best effort by contract
        }
    }
}
