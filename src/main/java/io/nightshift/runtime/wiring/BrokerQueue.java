package io.nightshift.runtime.wiring;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * The broker's topology for runs (issue 18): the durable topic exchange {@code nightshift.runs} and the durable
 * queue of the same name bound to it. The service declares them before it publishes (a message to an exchange
 * with no queue yet would be dropped); workers' connector declares the same, idempotently.
 */
final class BrokerQueue {

    static final String NAME = "nightshift.runs";
    static final String ROUTING_KEY = "run";

    private BrokerQueue() {
    }

    /** Declares the exchange, the queue and their binding on the broker the connector settings name. */
    static void declare(Config config) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.getOptionalValue("rabbitmq-host", String.class).orElse("localhost"));
        factory.setPort(config.getOptionalValue("rabbitmq-port", Integer.class).orElse(5672));
        config.getOptionalValue("rabbitmq-username", String.class).ifPresent(factory::setUsername);
        config.getOptionalValue("rabbitmq-password", String.class).ifPresent(factory::setPassword);
        config.getOptionalValue("rabbitmq-virtual-host", String.class).ifPresent(factory::setVirtualHost);
        try {
            if (config.getOptionalValue("rabbitmq-ssl", Boolean.class).orElse(false)) {
                factory.useSslProtocol();
            }
            try (Connection connection = factory.newConnection("nightshift-serve-setup");
                    Channel channel = connection.createChannel()) {
                channel.exchangeDeclare(NAME, "topic", true, false, Map.of());
                channel.queueDeclare(NAME, true, false, false, Map.of());
                channel.queueBind(NAME, NAME, ROUTING_KEY);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach the message broker at " + factory.getHost() + ":"
                    + factory.getPort() + " to declare the queue " + NAME + " (" + e.getMessage() + "); check "
                    + "NIGHTSHIFT_BROKER_URL and that RabbitMQ runs, or set nightshift.workers.enabled=false", e);
        }
    }
}
