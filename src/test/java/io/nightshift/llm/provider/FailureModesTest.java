package io.nightshift.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.llm.AbortException;
import io.nightshift.llm.CancellationToken;
import io.nightshift.llm.Client;
import io.nightshift.llm.EventStream;
import io.nightshift.llm.GenerateOptions;
import io.nightshift.llm.LlmException;
import io.nightshift.llm.Llm;
import io.nightshift.llm.Message;
import io.nightshift.llm.NetworkException;
import io.nightshift.llm.ProviderConfig;
import io.nightshift.llm.Providers;
import io.nightshift.llm.Request;
import io.nightshift.llm.RequestTimeoutException;
import io.nightshift.llm.ResponseTooLargeException;
import io.nightshift.llm.RetryPolicy;
import io.nightshift.llm.ServerException;
import io.nightshift.llm.StreamEvent;
import io.nightshift.llm.StreamResult;
import io.nightshift.llm.TimeoutConfig;
import io.nightshift.llm.Timeouts;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timeouts, cancellation, broken streams, size caps and odd error bodies, over real HTTP against the twin. */
class FailureModesTest {

    private static final Timeouts FAST = new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(800), Duration.ofMillis(400));

    private TwinServer twin;

    @AfterEach
    void stop() {
        if (twin != null) {
            twin.close();
        }
    }

    private Client client(String script, long maxBytes) {
        twin = TwinServer.start(TwinScripts.parse(script));
        return Client.builder().anthropic(new ProviderConfig(twin.apiKey(), twin.baseUrl(), Map.of(), FAST, maxBytes)).build();
    }

    private Client client(String script) {
        return client(script, ProviderConfig.DEFAULT_MAX_RESPONSE_BYTES);
    }

    private static Request request() {
        return Request.builder("claude-opus-4-6").message(Message.user("hi")).build();
    }

    private static List<StreamEvent> collect(EventStream stream) {
        List<StreamEvent> events = new ArrayList<>();
        stream.forEachRemaining(events::add);
        return events;
    }

    @Test
    void aServerThatNeverAnswersFailsWithRequestTimeoutInsteadOfHanging() {
        Client client = client("rules:\n  - reply: {hang: true}\n");
        assertThatThrownBy(() -> client.complete(request())).isInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("request timeout");
        assertThatThrownBy(() -> client.stream(request())).isInstanceOf(RequestTimeoutException.class);
    }

    @Test
    void aStreamThatGoesSilentEndsWithATimeoutErrorEvent() {
        Client client = client("""
                rules:
                  - reply: {text: "slow words here", stream: {chunk_chars: 2, event_delay_ms: 1500}}
                """);
        List<StreamEvent> events = collect(client.stream(request()));
        assertThat(events.get(0)).isInstanceOf(StreamEvent.StreamStart.class);
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(StreamEvent.Error.class,
                e -> assertThat(e.error()).isInstanceOf(RequestTimeoutException.class).hasMessageContaining("stream read timeout"));
    }

    @Test
    void aDroppedConnectionAfterDataIsAnErrorEventAndIsNotRetried() {
        Client client = client("""
                rules:
                  - reply: {text: "this will be cut off", stream: {chunk_chars: 2, drop_after_events: 4}}
                """);
        StreamResult stream = Llm.stream(GenerateOptions.builder("claude-opus-4-6").client(client).prompt("hi")
                .retryPolicy(RetryPolicy.DEFAULT.withDelays(Duration.ofMillis(1), Duration.ofMillis(5))).build());
        List<StreamEvent> events = new ArrayList<>();
        stream.forEach(events::add);
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(StreamEvent.Error.class,
                e -> assertThat(e.error().retryable()).isTrue());
        assertThatThrownBy(stream::response).isInstanceOf(LlmException.class);
        assertThat(twin.requests()).hasSize(1);
    }

    @Test
    void anInStreamProviderErrorIsMappedAndEndsTheStream() {
        Client client = client("""
                rules:
                  - reply: {text: "partial answer", stream: {chunk_chars: 3, error_after_events: 4}}
                """);
        List<StreamEvent> events = collect(client.stream(request()));
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(StreamEvent.Error.class,
                e -> assertThat(e.error()).isInstanceOf(ServerException.class).hasMessageContaining("overloaded"));
        assertThatThrownBy(() -> client.complete(request())).isInstanceOf(ServerException.class);
    }

    @Test
    void abortCancelsGenerateAndStream() throws Exception {
        Client client = client("""
                rules:
                  - match: {request: 1}
                    reply: {text: "late", delay_ms: 5000}
                  - reply: {text: "word by word by word", stream: {chunk_chars: 2, event_delay_ms: 200}}
                """);
        CancellationToken token = new CancellationToken();
        io.nightshift.llm.http.Timers.SCHEDULER.schedule(() -> token.cancel(), 200, java.util.concurrent.TimeUnit.MILLISECONDS);
        // the reply comes after 5 s: an AbortException means the call did not wait for it
        assertThatThrownBy(() -> Llm.generate(GenerateOptions.builder("claude-opus-4-6").client(client).prompt("hi")
                .cancellation(token).build())).isInstanceOf(AbortException.class);

        CancellationToken streamToken = new CancellationToken();
        StreamResult stream = Llm.stream(GenerateOptions.builder("claude-opus-4-6").client(client).prompt("hi")
                .cancellation(streamToken).build());
        assertThat(stream.next()).isInstanceOf(StreamEvent.StreamStart.class);
        streamToken.cancel();
        List<StreamEvent> rest = new ArrayList<>();
        stream.forEach(rest::add);
        assertThat(rest.get(rest.size() - 1)).isInstanceOfSatisfying(StreamEvent.Error.class,
                e -> assertThat(e.error()).isInstanceOf(AbortException.class));
    }

    @Test
    void perStepTimeoutBoundsEachModelCall() {
        Client client = client("rules:\n  - reply: {text: slow, delay_ms: 3000}\n");
        assertThatThrownBy(() -> Llm.generate(GenerateOptions.builder("claude-opus-4-6").client(client).prompt("hi")
                .timeout(new TimeoutConfig(null, Duration.ofMillis(200))).build()))
                .isInstanceOf(RequestTimeoutException.class).hasMessageContaining("per-step timeout");
    }

    @Test
    void totalTimeoutBoundsTheWholeToolLoop() {
        Client client = client("""
                rules:
                  - reply: {tool_calls: [{name: wait, arguments: {}}], delay_ms: 150}
                """);
        io.nightshift.llm.Tool wait = io.nightshift.llm.Tool.active("wait", "waits", null, (args, ctx) -> "waited");
        assertThatThrownBy(() -> Llm.generate(GenerateOptions.builder("claude-opus-4-6").client(client).prompt("hi")
                .tools(wait).maxToolRounds(100).timeout(TimeoutConfig.total(Duration.ofMillis(700))).build()))
                .isInstanceOf(RequestTimeoutException.class).hasMessageContaining("total timeout");
        // how many rounds fit in 700 ms depends on the machine's load; the round limit was not what stopped it
        assertThat(twin.requests().size()).isBetween(1, 99);
    }

    @Test
    void anOversizedResponseFailsClearlyInsteadOfExhaustingMemory() {
        Client client = client("rules:\n  - reply: {text: \"" + "x".repeat(4000) + "\", stream: {chunk_chars: 500}}\n", 2048);
        assertThatThrownBy(() -> client.complete(request())).isInstanceOf(ResponseTooLargeException.class)
                .hasMessageContaining("exceeded the 2048-byte limit");
    }

    @Test
    void htmlErrorPagesBecomeAShortMessage() {
        Client client = client("""
                rules:
                  - reply:
                      raw:
                        status: 502
                        headers: {content-type: text/html}
                        body: "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>"
                """);
        assertThatThrownBy(() -> client.complete(request())).isInstanceOf(ServerException.class)
                .hasMessage("anthropic returned HTTP 502: non-JSON HTML body: 502 Bad Gateway");
    }

    @Test
    void refusedConnectionsAreRetryableNetworkErrors() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Client client = Client.builder().openai(ProviderConfig.of("k", "http://127.0.0.1:" + port + "/v1")).build();
        assertThatThrownBy(() -> client.complete(Request.builder("gpt-5.2").message(Message.user("hi")).build()))
                .isInstanceOf(NetworkException.class).hasMessageContaining("connection refused")
                .matches(e -> ((LlmException) e).retryable());
    }

    @Test
    void rateLimitHeadersAreReported() {
        Client client = client("""
                rules:
                  - reply: {text: ok, headers: {anthropic-ratelimit-requests-remaining: "41", anthropic-ratelimit-requests-limit: "50"}}
                """);
        var info = client.complete(request()).rateLimit();
        assertThat(info.requestsRemaining()).isEqualTo(41);
        assertThat(info.requestsLimit()).isEqualTo(50);
    }

    @Test
    void fromEnvPointsAtTheTwinThroughBaseUrlVariables() {
        twin = TwinServer.start(TwinScripts.parse("rules:\n  - reply: {text: from the twin}\n"));
        Client client = Client.fromEnv(twin.environment());
        for (String provider : List.of(Providers.ANTHROPIC, Providers.OPENAI, Providers.GEMINI)) {
            assertThat(client.complete(Request.builder("some-model").provider(provider).message(Message.user("hi")).build())
                    .text()).as(provider).isEqualTo("from the twin");
        }
        assertThat(twin.requests()).extracting(r -> r.path()).containsExactly("/v1/messages", "/v1/responses",
                "/v1beta/models/some-model:streamGenerateContent");
        assertThat(twin.requests()).extracting(r -> r.query().get("alt")).containsExactly(null, null, "sse");
    }
}
