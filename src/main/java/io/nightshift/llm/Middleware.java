package io.nightshift.llm;

/**
 * A cross-cutting wrapper around provider calls (unified-llm-spec 2.3). The {@link Client} runs its middleware
 * as an onion: the first registered sees the request first and the response (or stream) last. Both methods
 * default to passing straight through, so a middleware overrides only what it cares about. Implementations
 * must be safe for concurrent use.
 */
public interface Middleware {

    /** The rest of the chain, ending at the provider adapter chosen by {@link Request#provider()}. */
    interface Next {
        Response complete(Request request);

        EventStream stream(Request request);
    }

    default Response complete(Request request, Next next) {
        return next.complete(request);
    }

    /** Wraps a stream; use {@link EventStream#peek} to observe events without changing them. */
    default EventStream stream(Request request, Next next) {
        return next.stream(request);
    }
}
