package io.nightshift.runtime.service;

/**
 * Where a service with workers ({@code nightshift.workers.enabled=true}) sends its admitted runs instead of running
 * them itself: the broker's durable queue. Implementations must not block for long.
 */
public interface RunDispatch {

    /**
     * Publishes {@code ticket}; the returned stage fails when the broker did not take it.
     */
    java.util.concurrent.CompletionStage<Void> publish(RunTicket ticket);
}
