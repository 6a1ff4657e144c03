package io.nightshift.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientTest {

    private static Request request(String provider) {
        return Request.builder("m").message(Message.user("hi")).provider(provider).build();
    }

    @AfterEach
    void resetDefault() {
        Llm.setDefaultClient(null);
    }

    @Test
    void fromEnvRegistersOnlyProvidersWithKeysFirstOneDefault() {
        Client client = Client.fromEnv(Map.of("OPENAI_API_KEY", "sk", "GOOGLE_API_KEY", "g"));
        assertThat(client.providerNames()).containsExactly("openai", "gemini");
        assertThat(client.defaultProvider()).isEqualTo("openai");
        assertThat(Client.fromEnv(Map.of()).providerNames()).isEmpty();
        assertThat(Client.fromEnv(Map.of("ANTHROPIC_API_KEY", "a", "GEMINI_API_KEY", "g")).defaultProvider())
                .isEqualTo("anthropic");
    }

    @Test
    void missingKeyNamesTheVariableToSet() {
        Client client = Client.fromEnv(Map.of("OPENAI_API_KEY", "sk"));
        assertThatThrownBy(() -> client.complete(request("anthropic")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("no API key for anthropic: set ANTHROPIC_API_KEY");
        assertThatThrownBy(() -> client.stream(request("gemini")))
                .hasMessage("no API key for gemini: set GEMINI_API_KEY (or GOOGLE_API_KEY)");
    }

    @Test
    void unknownProviderListsTheKnownOnes() {
        Client client = Client.builder().provider(new ScriptedAdapter("local")).build();
        assertThatThrownBy(() -> client.complete(request("mistral")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown provider 'mistral'; configured: local; built in: anthropic, openai, gemini, openai_compatible");
    }

    @Test
    void noProviderAtAllIsAConfigurationError() {
        assertThatThrownBy(() -> Client.builder().build().complete(request(null)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no LLM provider is configured");
        assertThatThrownBy(() -> Client.builder().defaultProvider("x").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("default provider 'x' is not registered");
    }

    @Test
    void routesByProviderFieldElseToTheDefault() {
        ScriptedAdapter a = new ScriptedAdapter("a").text("from a").text("from a again");
        ScriptedAdapter b = new ScriptedAdapter("b").text("from b");
        Client client = Client.builder().provider(a).provider(b).defaultProvider("a").build();
        assertThat(client.complete(request("b")).text()).isEqualTo("from b");
        assertThat(client.complete(request(null)).text()).isEqualTo("from a");
        assertThat(a.requests.get(0).provider()).isEqualTo("a");
        assertThat(client.stream(request(null)).drain().text()).isEqualTo("from a again");
    }

    @Test
    void middlewareRunsInRegistrationOrderOnRequestAndReverseOnResponse() {
        List<String> trace = new ArrayList<>();
        Middleware outer = new Middleware() {
            @Override
            public Response complete(Request request, Next next) {
                trace.add("outer before");
                Response r = next.complete(request.toBuilder().metadata(Map.of("tag", "outer")).build());
                trace.add("outer after");
                return r;
            }
        };
        Middleware inner = new Middleware() {
            @Override
            public Response complete(Request request, Next next) {
                trace.add("inner before " + request.metadata().get("tag"));
                Response r = next.complete(request);
                trace.add("inner after");
                return r;
            }

            @Override
            public EventStream stream(Request request, Next next) {
                trace.add("inner stream");
                return next.stream(request).peek(e -> trace.add("saw " + e.getClass().getSimpleName()));
            }
        };
        ScriptedAdapter adapter = new ScriptedAdapter("p").text("x").text("y");
        Client client = Client.builder().provider(adapter).middleware(outer).middleware(inner).build();
        client.complete(request(null));
        assertThat(trace).containsExactly("outer before", "inner before outer", "inner after", "outer after");
        trace.clear();
        client.stream(request(null)).drain();
        assertThat(trace).containsExactly("inner stream", "saw StreamStart", "saw TextStart", "saw TextDelta",
                "saw TextEnd", "saw Finish");
    }

    @Test
    void retryMiddlewareRetriesRetryableErrorsOnly() {
        ScriptedAdapter adapter = new ScriptedAdapter("p").fail(new NetworkException("reset")).text("ok")
                .fail(new AuthenticationException("bad key", "p", 401, null, null, null));
        RetryPolicy fast = RetryPolicy.DEFAULT.withDelays(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(5));
        Client client = Client.builder().provider(adapter).middleware(Middlewares.retry(fast)).build();
        assertThat(client.complete(request(null)).text()).isEqualTo("ok");
        assertThatThrownBy(() -> client.complete(request(null))).isInstanceOf(AuthenticationException.class);
        assertThat(adapter.requests).hasSize(3);
    }

    @Test
    void withoutRetryMiddlewareTheClientNeverRetries() {
        ScriptedAdapter adapter = new ScriptedAdapter("p").fail(new NetworkException("reset")).text("unused");
        Client client = Client.builder().provider(adapter).build();
        assertThatThrownBy(() -> client.complete(request(null))).isInstanceOf(NetworkException.class);
        assertThat(adapter.requests).hasSize(1);
    }

    @Test
    void loggingAndDefaultsMiddlewareDoTheirJobs() {
        List<String> log = new ArrayList<>();
        ScriptedAdapter adapter = new ScriptedAdapter("p").text("hello");
        Client client = Client.builder().provider(adapter).middleware(Middlewares.logging(log::add))
                .middleware(Middlewares.defaults(321, 0.5)).build();
        client.complete(request(null));
        assertThat(adapter.requests.get(0).maxTokens()).isEqualTo(321);
        assertThat(adapter.requests.get(0).temperature()).isEqualTo(0.5);
        assertThat(log).hasSize(2);
        assertThat(log.get(0)).isEqualTo("llm request p/m");
        assertThat(log.get(1)).startsWith("llm response p/m tokens=12 (in 10, out 2) latency=");
    }

    @Test
    void moduleLevelDefaultClientCanBeReplaced() {
        ScriptedAdapter adapter = new ScriptedAdapter("p").text("via default");
        Llm.setDefaultClient(Client.builder().provider(adapter).build());
        assertThat(Llm.generate(GenerateOptions.builder("m").prompt("hi").build()).text()).isEqualTo("via default");
        Llm.setDefaultClient(null);
        assertThat(Llm.defaultClient()).isNotNull(); // lazily rebuilt from the process environment
    }
}
