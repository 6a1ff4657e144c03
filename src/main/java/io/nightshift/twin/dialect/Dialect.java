package io.nightshift.twin.dialect;

import io.nightshift.twin.Provider;
import io.nightshift.twin.script.RequestFacts;
import java.util.List;
import java.util.Optional;

/**
 * One provider's wire format: authentication, validation, the facts scripts match on, and rendering of answers
 * and errors. Implementations are stateless and thread-safe.
 */
public sealed interface Dialect permits AnthropicDialect, ResponsesDialect, ChatCompletionsDialect, GeminiDialect {

    Provider provider();

    /** The provider's 401 (or 400 for a missing version header) when the call is not authorized. */
    Optional<WireError> authenticate(Call call, String expectedKey);

    /** The provider's 400 for a request the real API would refuse, if any. */
    Optional<WireError> validate(Call call);

    /** What scripts match on. Only called on validated requests. */
    RequestFacts facts(Call call);

    /** Whether the request asks for a streamed answer. */
    boolean streams(Call call);

    /** The model the request names. */
    String model(Call call);

    /** The error body in the provider's shape. */
    String errorBody(WireError error);

    /** The complete (non-streaming) answer body. */
    String complete(Answer answer);

    /** The streamed answer as events, in order, ending with the provider's terminal event. */
    List<SseEvent> stream(Answer answer, int chunkChars);

    /** The event(s) that report an error in the middle of a stream. */
    List<SseEvent> streamError(WireError error);

    /** Default error type for a status when the script names none. */
    String defaultErrorType(int status);

    static boolean keyMatches(String presented, String expected) {
        return presented != null && !presented.isBlank() && (expected == null || expected.equals(presented));
    }

    /** Every provider accepts {@code type: object} (any case) at the root of a tool schema. */
    static boolean isObjectSchema(com.fasterxml.jackson.databind.JsonNode schema) {
        return schema != null && schema.isObject() && "object".equalsIgnoreCase(Json.text(schema, "type"));
    }
}
