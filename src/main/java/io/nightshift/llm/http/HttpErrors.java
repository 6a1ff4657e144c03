package io.nightshift.llm.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.llm.AccessDeniedException;
import io.nightshift.llm.AuthenticationException;
import io.nightshift.llm.ContentFilterException;
import io.nightshift.llm.ContextLengthException;
import io.nightshift.llm.InvalidRequestException;
import io.nightshift.llm.Json;
import io.nightshift.llm.LlmException;
import io.nightshift.llm.RequestTimeoutException;
import io.nightshift.llm.NotFoundException;
import io.nightshift.llm.ProviderException;
import io.nightshift.llm.QuotaExceededException;
import io.nightshift.llm.RateLimitException;
import io.nightshift.llm.ServerException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Maps provider failures to the error hierarchy (unified-llm-spec 6.4, 6.5, 7.6): by HTTP status, then by the
 * gRPC status Gemini puts in its body, then by message patterns when the status alone is ambiguous. Bodies that
 * are not JSON (proxies' HTML pages) become a short readable message, never a page dump.
 */
public final class HttpErrors {

    private static final int SNIPPET = 200;

    private HttpErrors() {
    }

    public static LlmException fromResponse(String provider, int status, HttpHeaders headers, String body) {
        JsonNode json = Json.parseOrNull(body);
        if (json != null && json.isArray() && !json.isEmpty()) {
            json = json.get(0);
        }
        String message;
        String code = null;
        String grpc = null;
        if (json != null && json.isObject()) {
            JsonNode error = json.has("error") ? json.get("error") : json;
            message = error.isTextual() ? error.asText() : error.path("message").asText(null);
            code = text(error.get("type"), text(error.get("code"), null));
            grpc = text(error.get("status"), null);
            if (message == null) {
                message = snippet(body);
            }
        } else {
            message = snippet(body);
            json = null;
        }
        Duration retryAfter = retryAfter(headers);
        String full = provider + " returned HTTP " + status + (code == null ? "" : " (" + code + ")") + ": " + message;
        return classify(provider, status, grpc, code, message, full, retryAfter, json);
    }

    /** An error delivered inside a stream (no HTTP status), classified by its type or code. */
    public static LlmException fromStreamError(String provider, JsonNode error) {
        JsonNode e = error.has("error") ? error.get("error") : error;
        String code = text(e.get("type"), text(e.get("code"), null));
        String message = e.path("message").asText(e.toString());
        String full = provider + " reported an error mid-stream" + (code == null ? "" : " (" + code + ")") + ": " + message;
        Integer status = switch (code == null ? "" : code) {
            case "authentication_error" -> 401;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "invalid_request_error" -> 400;
            case "rate_limit_error", "rate_limit_exceeded" -> 429;
            case "api_error", "overloaded_error", "server_error" -> 500;
            default -> null;
        };
        return classify(provider, status, text(e.get("status"), null), code, message, full, null, error);
    }

    static LlmException classify(String provider, Integer status, String grpc, String code, String message,
                                      String full, Duration retryAfter, JsonNode raw) {
        String m = (message + " " + (code == null ? "" : code)).toLowerCase(Locale.ROOT);
        if (status != null && (status == 400 || status == 413 || status == 422 || status == 403 || status == 429
                || !known(status))) {
            ProviderException byMessage = byMessage(m, provider, status, code, full, retryAfter, raw, status == 429);
            if (byMessage != null) {
                return byMessage;
            }
        }
        if (status != null && known(status)) {
            return byStatus(status, provider, code, full, retryAfter, raw);
        }
        if (grpc != null) {
            Integer mapped = switch (grpc) {
                case "NOT_FOUND" -> 404;
                case "INVALID_ARGUMENT", "FAILED_PRECONDITION" -> 400;
                case "UNAUTHENTICATED" -> 401;
                case "PERMISSION_DENIED" -> 403;
                case "RESOURCE_EXHAUSTED" -> 429;
                case "UNAVAILABLE", "INTERNAL" -> 500;
                case "DEADLINE_EXCEEDED" -> 408;
                default -> null;
            };
            if (mapped != null) {
                return byStatus(mapped, provider, code, full, retryAfter, raw);
            }
        }
        ProviderException byMessage = byMessage(m, provider, status, code, full, retryAfter, raw, false);
        if (byMessage != null) {
            return byMessage;
        }
        return new ProviderException(full, provider, status, code, true, retryAfter, raw);
    }

    private static boolean known(int status) {
        return status == 400 || status == 401 || status == 403 || status == 404 || status == 408 || status == 413
                || status == 422 || status == 429 || status >= 500 && status <= 599;
    }

    private static LlmException byStatus(int status, String provider, String code, String full,
                                              Duration retryAfter, JsonNode raw) {
        return switch (status) {
            case 400, 422 -> new InvalidRequestException(full, provider, status, code, retryAfter, raw);
            case 401 -> new AuthenticationException(full, provider, status, code, retryAfter, raw);
            case 403 -> new AccessDeniedException(full, provider, status, code, retryAfter, raw);
            case 404 -> new NotFoundException(full, provider, status, code, retryAfter, raw);
            case 408 -> new RequestTimeoutException(full);
            case 413 -> new ContextLengthException(full, provider, status, code, retryAfter, raw);
            case 429 -> new RateLimitException(full, provider, status, code, retryAfter, raw);
            default -> new ServerException(full, provider, status, code, retryAfter, raw);
        };
    }

    private static ProviderException byMessage(String m, String provider, Integer status, String code, String full,
                                               Duration retryAfter, JsonNode raw, boolean quotaOnly) {
        if (m.contains("quota") || m.contains("billing") || m.contains("credit balance")) {
            return new QuotaExceededException(full, provider, status, code, retryAfter, raw);
        }
        if (quotaOnly) {
            return null;
        }
        if (m.contains("context length") || m.contains("context_length") || m.contains("too many tokens")
                || m.contains("context window") || m.contains("prompt is too long")) {
            return new ContextLengthException(full, provider, status, code, retryAfter, raw);
        }
        if (m.contains("content filter") || m.contains("content_filter") || m.contains("safety")) {
            return new ContentFilterException(full, provider, status, code, retryAfter, raw);
        }
        if (m.contains("not found") || m.contains("does not exist")) {
            return new NotFoundException(full, provider, status, code, retryAfter, raw);
        }
        if (m.contains("unauthorized") || m.contains("invalid key") || m.contains("invalid api key")
                || m.contains("api key not valid") || m.contains("invalid x-api-key")) {
            return new AuthenticationException(full, provider, status, code, retryAfter, raw);
        }
        return null;
    }

    /** Seconds from {@code retry-after-ms} or {@code Retry-After} (seconds or an HTTP date); null if absent. */
    static Duration retryAfter(HttpHeaders headers) {
        if (headers == null) {
            return null;
        }
        var ms = headers.firstValue("retry-after-ms");
        if (ms.isPresent()) {
            try {
                return Duration.ofMillis((long) Double.parseDouble(ms.get().trim()));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        var value = headers.firstValue("retry-after");
        if (value.isEmpty()) {
            return null;
        }
        String v = value.get().trim();
        try {
            return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException ignored) {
                return null;
            }
        }
    }

    /** A short single-line rendering of a non-JSON body: an HTML page's title or tag-stripped text, at most 200 chars. */
    static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String text = body;
        String lower = body.toLowerCase(Locale.ROOT);
        boolean html = lower.contains("<html") || lower.contains("<!doctype") || lower.contains("<body");
        if (html) {
            int t = lower.indexOf("<title>");
            int te = lower.indexOf("</title>");
            if (t >= 0 && te > t) {
                text = body.substring(t + 7, te);
            } else {
                text = body.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]*>", " ");
            }
        }
        text = text.replaceAll("\\s+", " ").trim();
        if (text.length() > SNIPPET) {
            text = text.substring(0, SNIPPET) + "...";
        }
        return (html ? "non-JSON HTML body: " : "non-JSON body: ") + text;
    }

    private static String text(JsonNode node, String fallback) {
        return node != null && node.isValueNode() && !node.isNull() ? node.asText() : fallback;
    }
}
