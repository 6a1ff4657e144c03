package io.nightshift.runtime.wiring;

import io.nightshift.runtime.worker.RemoteWorker;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The consuming end of {@code nightshift worker} (issue 18): channel {@code nightshift-work}, SmallRye's RabbitMQ
 * connector on the durable queue {@code nightshift.runs}, at most {@code --slots} unacknowledged messages (the
 * prefetch), each run on a worker thread of its own. A message is acknowledged only when {@link RemoteWorker} says
 * so; otherwise it is requeued, and a worker that dies leaves it unacknowledged: the broker redelivers it. The
 * channel is enabled only in a worker process.
 */
@ApplicationScoped
public class WorkConsumer {

    public static final String CHANNEL = "nightshift-work";

    @ConfigProperty(name = "nightshift.worker.service-url", defaultValue = "http://127.0.0.1:8080")
    String serviceUrl;

    @ConfigProperty(name = "nightshift.worker.token")
    java.util.Optional<String> token;

    @ConfigProperty(name = "nightshift.worker.dir", defaultValue = "nightshift-worker")
    String dir;

    @ConfigProperty(name = "nightshift.worker.identity")
    java.util.Optional<String> identity;

    private final AtomicReference<RemoteWorker> worker = new AtomicReference<>();

    /** This process's worker, made on first use from the {@code nightshift.worker.*} settings. */
    public RemoteWorker worker() {
        return worker.updateAndGet(w -> w != null ? w : new RemoteWorker(URI.create(serviceUrl),
                token.orElse(""), Path.of(dir), identity.filter(i -> !i.isBlank()).orElseGet(WorkConsumer::defaultIdentity),
                System.getenv()));
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = false)
    public CompletionStage<Void> take(Message<Object> message) {
        RemoteWorker.Outcome outcome = worker().run(text(message.getPayload()));
        return outcome == RemoteWorker.Outcome.ACK ? message.ack()
                : message.nack(new IllegalStateException("the run goes back to the queue"));
    }

    private static String text(Object payload) {
        return switch (payload) {
            case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
            case JsonObject json -> json.encode();
            case io.vertx.core.buffer.Buffer buffer -> buffer.toString(StandardCharsets.UTF_8);
            case null -> "";
            default -> payload.toString();
        };
    }

    static String defaultIdentity() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
