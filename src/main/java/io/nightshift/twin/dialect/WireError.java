package io.nightshift.twin.dialect;

/**
 * An error to answer in a provider's shape.
 *
 * @param type       provider error type or code; {@code null} picks the provider's default for the status
 * @param param      OpenAI's {@code param} field (others ignore it), may be null
 * @param retryAfter seconds for the {@code retry-after} header, may be null
 */
public record WireError(int status, String type, String message, String param, Double retryAfter) {

    public static WireError of(int status, String message) {
        return new WireError(status, null, message, null, null);
    }

    public static WireError of(int status, String type, String message) {
        return new WireError(status, type, message, null, null);
    }
}
