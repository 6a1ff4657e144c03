package io.nightshift.runtime.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nightshift.pipeline.run.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the {@code pipeline-events} channel into Prometheus metrics: events by type and stage durations
 * ({@code nightshift_stage_duration_seconds} by node and outcome). Run counts by status and the queue depth are
 * gauges registered by {@link ServiceProducers}.
 */
@ApplicationScoped
public class RunMetrics {

    @Inject
    MeterRegistry registry;

    @Incoming(EventChannel.CHANNEL)
    public void consume(String json) {
        JsonNode event;
        try {
            event = Json.mapper().readTree(json);
        } catch (IOException e) {
            return;
        }
        String type = event.path("type").asText("");
        registry.counter("nightshift.events", "type", type).increment();
        if (type.equals("stage_completed") || type.equals("stage_failed")) {
            Timer.builder("nightshift.stage.duration").description("How long stages took")
                    .tag("node", event.path("node_id").asText(""))
                    .tag("outcome", event.path("status").asText(""))
                    .register(registry).record(Duration.ofMillis(event.path("duration_ms").asLong(0)));
        }
    }
}
