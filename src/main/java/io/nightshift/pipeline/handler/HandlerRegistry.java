package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.graph.HandlerTypes;
import io.nightshift.pipeline.graph.Node;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Handlers by type string (attractor-spec 4.2). Resolution: the node's explicit {@code type} when registered,
 * else the type of its shape when registered, else the default handler (codergen). Thread-safe.
 */
public final class HandlerRegistry {

    /** A resolved handler and the type string it was registered under (what events report). */
    public record Resolved(String type, Handler handler) {
    }

    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private volatile String defaultType = HandlerTypes.CODERGEN;

    /** Registers {@code handler} for {@code type}, replacing any handler registered for it before. */
    public HandlerRegistry register(String type, Handler handler) {
        if (type == null || type.isBlank() || handler == null) {
            throw new IllegalArgumentException("a handler needs a non-empty type string and an implementation");
        }
        handlers.put(type, handler);
        return this;
    }

    /** Which registered type serves nodes that match nothing else; {@code codergen} unless changed. */
    public HandlerRegistry defaultType(String type) {
        this.defaultType = type;
        return this;
    }

    public boolean has(String type) {
        return handlers.containsKey(type);
    }

    public Set<String> types() {
        return new TreeSet<>(handlers.keySet());
    }

    public Resolved resolve(Node node) {
        String explicit = node.type();
        if (!explicit.isEmpty() && handlers.containsKey(explicit)) {
            return new Resolved(explicit, handlers.get(explicit));
        }
        String byShape = HandlerTypes.forShape(node.shape());
        if (HandlerTypes.isKnownShape(node.shape()) && handlers.containsKey(byShape)) {
            return new Resolved(byShape, handlers.get(byShape));
        }
        Handler fallback = handlers.get(defaultType);
        if (fallback == null) {
            throw new IllegalStateException("node '" + node.id() + "' has type '" + node.handlerType()
                    + "' and no handler is registered for it or for the default type '" + defaultType
                    + "' (registered: " + types() + ")");
        }
        return new Resolved(defaultType, fallback);
    }
}
