package io.nightshift.llm;

/**
 * The contract every provider implements (unified-llm-spec 2.4, 7.1). Implementations are safe for
 * concurrent use and hold no per-request state.
 */
public interface ProviderAdapter extends AutoCloseable {

    /** The provider name requests route by: "anthropic", "openai", "gemini", "openai_compatible" or your own. */
    String name();

    /**
     * Starts a generation. Failures before the first event (HTTP errors, timeouts, a first event that is an
     * error) are thrown; later failures end the stream with a {@link StreamEvent.Error}. The first event is
     * always a {@link StreamEvent.StreamStart}.
     */
    EventStream stream(Request request);

    /** A whole generation: by default drains {@link #stream}, so both paths share one decoder (STYLE 8). */
    default Response complete(Request request) {
        return stream(request).drain();
    }

    /** Whether {@code mode} can be honoured. */
    default boolean supportsToolChoice(ToolChoice.Mode mode) {
        return true;
    }

    @Override
    default void close() {
    }
}
