package io.nightshift.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The core client (unified-llm-spec 2, 4.1, 4.2): routes each request to a provider adapter through the
 * middleware chain. Holds no per-request state and is safe for concurrent use.
 *
 * <p>Routing: {@link Request#provider()} when set, else the default provider (the explicit one, or the first
 * registered). The client never guesses from the model name.
 *
 * <p>Middleware order: the list runs as an onion in registration order. For a request, middleware 0 runs
 * first, then 1, ..., then the adapter; the response (or stream) passes back through them in reverse, so
 * middleware 0 sees it last. With {@code [logging, retry]} each retry attempt is inside one logged call.
 * {@code complete()} and {@code stream()} never retry unless a retry middleware is registered.
 */
public final class Client implements AutoCloseable {

    private final Map<String, ProviderAdapter> providers;
    private final String defaultProvider;
    private final List<Middleware> middleware;

    private Client(Map<String, ProviderAdapter> providers, String defaultProvider, List<Middleware> middleware) {
        this.providers = providers;
        this.defaultProvider = defaultProvider;
        this.middleware = List.copyOf(middleware);
    }

    /** A client for every provider whose key is in the process environment. */
    public static Client fromEnv() {
        return fromEnv(System.getenv());
    }

    /**
     * A client for every provider whose key is in {@code env}: ANTHROPIC_API_KEY, OPENAI_API_KEY, GEMINI_API_KEY
     * (or GOOGLE_API_KEY), with base URLs from ANTHROPIC_BASE_URL / OPENAI_BASE_URL / GEMINI_BASE_URL, and
     * OPENAI_ORG_ID / OPENAI_PROJECT_ID. A Chat Completions server is registered when OPENAI_COMPATIBLE_BASE_URL is
     * set (key: OPENAI_COMPATIBLE_API_KEY). The first registered is the default.
     */
    public static Client fromEnv(Map<String, String> env) {
        Builder b = builder();
        String anthropic = value(env, "ANTHROPIC_API_KEY");
        if (anthropic != null) {
            b.provider(Providers.anthropic(ProviderConfig.of(anthropic,
                    orDefault(env, "ANTHROPIC_BASE_URL", Providers.ANTHROPIC_DEFAULT_BASE))));
        }
        String openai = value(env, "OPENAI_API_KEY");
        if (openai != null) {
            b.provider(Providers.openai(ProviderConfig.of(openai,
                    orDefault(env, "OPENAI_BASE_URL", Providers.OPENAI_DEFAULT_BASE)),
                    value(env, "OPENAI_ORG_ID"), value(env, "OPENAI_PROJECT_ID")));
        }
        String gemini = value(env, "GEMINI_API_KEY");
        if (gemini == null) {
            gemini = value(env, "GOOGLE_API_KEY");
        }
        if (gemini != null) {
            b.provider(Providers.gemini(ProviderConfig.of(gemini,
                    orDefault(env, "GEMINI_BASE_URL", Providers.GEMINI_DEFAULT_BASE))));
        }
        String compatible = value(env, "OPENAI_COMPATIBLE_BASE_URL");
        if (compatible != null) {
            b.provider(Providers.openAiCompatible(Providers.OPENAI_COMPATIBLE,
                    ProviderConfig.of(value(env, "OPENAI_COMPATIBLE_API_KEY"), compatible)));
        }
        return b.build();
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String orDefault(Map<String, String> env, String name, String fallback) {
        String v = value(env, name);
        return v == null ? fallback : v;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The registered provider names, in registration order. */
    public List<String> providerNames() {
        return List.copyOf(providers.keySet());
    }

    /** The default provider, or null when none is configured. */
    public String defaultProvider() {
        return defaultProvider;
    }

    /** Sends a request and waits for the whole response. Never retries on its own (spec 4.1). */
    public Response complete(Request request) {
        Request routed = route(request);
        return chain(0).complete(routed);
    }

    /** Starts a streamed generation; failures before the first event are thrown (spec 4.2). */
    public EventStream stream(Request request) {
        Request routed = route(request);
        return chain(0).stream(routed);
    }

    /** The adapter for {@code name}, or a {@link ConfigurationException} saying how to configure it. */
    public ProviderAdapter adapter(String name) {
        ProviderAdapter adapter = providers.get(name);
        if (adapter != null) {
            return adapter;
        }
        String variable = Providers.keyVariable(name);
        if (variable != null) {
            throw new ConfigurationException("no API key for " + name + ": set " + variable);
        }
        throw new ConfigurationException("unknown provider '" + name + "'; configured: " + describe(providers.keySet())
                + "; built in: " + String.join(", ", Providers.BUILT_IN));
    }

    private Request route(Request request) {
        if (request.provider() != null) {
            adapter(request.provider());
            return request;
        }
        if (defaultProvider == null) {
            throw new ConfigurationException("no LLM provider is configured: set ANTHROPIC_API_KEY, OPENAI_API_KEY"
                    + " or GEMINI_API_KEY, or register an adapter with Client.builder()");
        }
        return request.toBuilder().provider(defaultProvider).build();
    }

    private Middleware.Next chain(int index) {
        if (index == middleware.size()) {
            return new Middleware.Next() {
                @Override
                public Response complete(Request request) {
                    request.cancellation().throwIfCancelled();
                    return adapter(request.provider()).complete(request);
                }

                @Override
                public EventStream stream(Request request) {
                    request.cancellation().throwIfCancelled();
                    return adapter(request.provider()).stream(request);
                }
            };
        }
        Middleware current = middleware.get(index);
        Middleware.Next rest = chain(index + 1);
        return new Middleware.Next() {
            @Override
            public Response complete(Request request) {
                return current.complete(request, rest);
            }

            @Override
            public EventStream stream(Request request) {
                return current.stream(request, rest);
            }
        };
    }

    private static String describe(Iterable<String> names) {
        String joined = String.join(", ", names);
        return joined.isEmpty() ? "none" : joined;
    }

    @Override
    public void close() {
        providers.values().forEach(ProviderAdapter::close);
    }

    /** Programmatic setup (spec 2.2). */
    public static final class Builder {
        private final Map<String, ProviderAdapter> providers = new LinkedHashMap<>();
        private final List<Middleware> middleware = new ArrayList<>();
        private String defaultProvider;

        public Builder provider(ProviderAdapter adapter) {
            providers.put(adapter.name(), adapter);
            return this;
        }

        public Builder anthropic(ProviderConfig config) {
            return provider(Providers.anthropic(config));
        }

        public Builder openai(ProviderConfig config) {
            return provider(Providers.openai(config));
        }

        public Builder gemini(ProviderConfig config) {
            return provider(Providers.gemini(config));
        }

        public Builder openAiCompatible(ProviderConfig config) {
            return provider(Providers.openAiCompatible(Providers.OPENAI_COMPATIBLE, config));
        }

        public Builder defaultProvider(String name) {
            this.defaultProvider = name;
            return this;
        }

        /** Appends a middleware; see the class comment for the order. */
        public Builder middleware(Middleware value) {
            middleware.add(value);
            return this;
        }

        public Client build() {
            String chosen = defaultProvider;
            if (chosen != null && !providers.containsKey(chosen)) {
                throw new ConfigurationException("default provider '" + chosen + "' is not registered; registered: "
                        + describe(providers.keySet()));
            }
            if (chosen == null && !providers.isEmpty()) {
                chosen = providers.keySet().iterator().next();
            }
            return new Client(new LinkedHashMap<>(providers), chosen, middleware);
        }
    }
}
