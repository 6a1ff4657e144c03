package io.nightshift.twin.script;

/**
 * An error answer in the provider's own error shape.
 *
 * @param status     HTTP status (400, 401, 403, 404, 429, 500, 503, 529 ...)
 * @param type       the provider's error type or code; derived from the status when absent
 *                   (e.g. Anthropic 529 {@code overloaded_error}, Gemini 429 {@code RESOURCE_EXHAUSTED})
 * @param message    human-readable message; a default naming the status when absent
 * @param retryAfter seconds, sent as the {@code retry-after} header when present
 */
public record ErrorSpec(Integer status, String type, String message, Double retryAfter) {

    public ErrorSpec {
        if (status == null) {
            status = 500;
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("error status must be 4xx or 5xx, got " + status);
        }
        if (retryAfter != null && retryAfter < 0) {
            throw new IllegalArgumentException("retry_after must not be negative");
        }
    }
}
