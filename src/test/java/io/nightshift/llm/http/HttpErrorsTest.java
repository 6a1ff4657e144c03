package io.nightshift.llm.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.llm.AccessDeniedException;
import io.nightshift.llm.AuthenticationException;
import io.nightshift.llm.ContentFilterException;
import io.nightshift.llm.ContextLengthException;
import io.nightshift.llm.InvalidRequestException;
import io.nightshift.llm.LlmException;
import io.nightshift.llm.NotFoundException;
import io.nightshift.llm.ProviderException;
import io.nightshift.llm.QuotaExceededException;
import io.nightshift.llm.RateLimitException;
import io.nightshift.llm.RequestTimeoutException;
import io.nightshift.llm.ServerException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HttpErrorsTest {

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> List.of(e.getValue()))), (a, b) -> true);
    }

    private static LlmException error(int status, String body) {
        return HttpErrors.fromResponse("openai", status, headers(Map.of()), body);
    }

    @ParameterizedTest
    @CsvSource({
            "400, InvalidRequestException, false", "401, AuthenticationException, false",
            "403, AccessDeniedException, false", "404, NotFoundException, false",
            "408, RequestTimeoutException, false", "413, ContextLengthException, false",
            "422, InvalidRequestException, false", "429, RateLimitException, true",
            "500, ServerException, true", "502, ServerException, true", "503, ServerException, true",
            "504, ServerException, true", "529, ServerException, true"})
    void mapsEachStatusOfTheSpecTable(int status, String type, boolean retryable) {
        LlmException e = error(status, "{\"error\":{\"message\":\"something went wrong\",\"type\":\"x\"}}");
        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.getMessage()).contains("HTTP " + status).contains("something went wrong");
    }

    @Test
    void unknownStatusesDefaultToRetryable() {
        LlmException e = error(418, "{\"error\":{\"message\":\"teapot\"}}");
        assertThat(e).isExactlyInstanceOf(ProviderException.class);
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void classifiesAmbiguousStatusesByMessage() {
        assertThat(error(400, "{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens\"}}"))
                .isInstanceOf(ContextLengthException.class);
        assertThat(error(400, "{\"error\":{\"message\":\"blocked by the safety system\"}}"))
                .isInstanceOf(ContentFilterException.class);
        assertThat(error(400, "{\"error\":{\"message\":\"API key not valid. Please pass a valid API key.\"}}"))
                .isInstanceOf(AuthenticationException.class);
        assertThat(error(400, "{\"error\":{\"message\":\"model gpt-x does not exist\"}}"))
                .isInstanceOf(NotFoundException.class);
        assertThat(error(429, "{\"error\":{\"message\":\"You exceeded your current quota\",\"code\":\"insufficient_quota\"}}"))
                .isInstanceOf(QuotaExceededException.class).matches(e -> !e.retryable());
        assertThat(error(429, "{\"error\":{\"message\":\"slow down\"}}")).isInstanceOf(RateLimitException.class);
        assertThat(error(403, "{\"error\":{\"message\":\"no access\"}}")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void readsGeminiErrorArraysAndGrpcStatus() {
        LlmException e = HttpErrors.fromResponse("gemini", 400, headers(Map.of()),
                "[{\"error\":{\"code\":400,\"message\":\"Invalid JSON payload\",\"status\":\"INVALID_ARGUMENT\"}}]");
        assertThat(e).isInstanceOf(InvalidRequestException.class);
        assertThat(((ProviderException) e).errorCode()).isEqualTo("400");
        assertThat(e.getMessage()).contains("Invalid JSON payload");
    }

    @Test
    void honoursRetryAfterSecondsAndMilliseconds() {
        RateLimitException e = (RateLimitException) HttpErrors.fromResponse("anthropic", 429,
                headers(Map.of("retry-after", "2.5")), "{\"error\":{\"message\":\"rate\"}}");
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(2500));
        RateLimitException ms = (RateLimitException) HttpErrors.fromResponse("openai", 429,
                headers(Map.of("retry-after-ms", "150", "retry-after", "9")), "{}");
        assertThat(ms.retryAfter()).isEqualTo(Duration.ofMillis(150));
    }

    @Test
    void summarisesHtmlBodiesWithoutDumpingThePage() {
        String page = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{}</style></head><body>"
                + "<h1>Bad Gateway</h1>" + "x".repeat(5000) + "</body></html>";
        LlmException e = error(502, page);
        assertThat(e).isInstanceOf(ServerException.class);
        assertThat(e.getMessage()).isEqualTo("openai returned HTTP 502: non-JSON HTML body: 502 Bad Gateway");
    }

    @Test
    void truncatesPlainTextBodiesTo200Characters() {
        LlmException e = error(500, "oops " + "y".repeat(1000));
        assertThat(e.getMessage()).startsWith("openai returned HTTP 500: non-JSON body: oops yyy").endsWith("...");
        assertThat(e.getMessage().length()).isLessThan(260);
        assertThat(error(503, "").getMessage()).endsWith("(empty body)");
    }

    @Test
    void mapsInStreamErrorTypes() {
        LlmException overloaded = HttpErrors.fromStreamError("anthropic", io.nightshift.llm.Json.parseOrNull(
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        assertThat(overloaded).isInstanceOf(ServerException.class);
        assertThat(overloaded.retryable()).isTrue();
        assertThat(overloaded.getMessage()).contains("mid-stream").contains("Overloaded");
        assertThat(RequestTimeoutException.class).isNotNull();
    }
}
