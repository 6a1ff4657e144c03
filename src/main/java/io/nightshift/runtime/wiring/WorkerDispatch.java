package io.nightshift.runtime.wiring;

import io.nightshift.pipeline.run.Json;
import io.nightshift.runtime.service.RunDispatch;
import io.nightshift.runtime.service.RunTicket;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes admitted runs on the broker (issue 18): channel {@code nightshift-runs}, SmallRye's RabbitMQ connector,
 * to the durable exchange {@code nightshift.runs} that routes to the durable queue the workers consume
 * ({@link BrokerQueue}); each message persistent, so a broker restart keeps it. Enabled with
 * {@code nightshift.workers.enabled=true}.
 */
@ApplicationScoped
public class WorkerDispatch implements RunDispatch {

    public static final String CHANNEL = "nightshift-runs";

    @Inject
    @Channel(CHANNEL)
    Emitter<String> emitter;

    @Override
    public CompletionStage<Void> publish(RunTicket ticket) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        String json;
        try {
            json = Json.mapper().writeValueAsString(ticket);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            done.completeExceptionally(e);
            return done;
        }
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder().withDeliveryMode(2)
                .withContentType("application/json").withRoutingKey(BrokerQueue.ROUTING_KEY)
                .withMessageId(ticket.runId() + "#" + ticket.dispatch()).build();
        try {
            emitter.send(Message.of(json).addMetadata(metadata)
                    .withAck(() -> {
                        done.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        done.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }
}
