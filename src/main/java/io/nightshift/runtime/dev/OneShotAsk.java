package io.nightshift.runtime.dev;

import io.nightshift.llm.Client;
import io.nightshift.llm.ConfigurationException;
import io.nightshift.llm.EventStream;
import io.nightshift.llm.LlmException;
import io.nightshift.llm.Message;
import io.nightshift.llm.Middlewares;
import io.nightshift.llm.ModelCatalog;
import io.nightshift.llm.ModelInfo;
import io.nightshift.llm.Request;
import io.nightshift.llm.Response;
import io.nightshift.llm.RetryPolicy;
import io.nightshift.llm.StreamEvent;
import io.nightshift.llm.Usage;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One completion from the configured provider ({@code nightshift ask}), transient errors retried as the spec's
 * high-level API does ({@code RetryPolicy.DEFAULT}, {@code Retry-After} honoured).
 */
public final class OneShotAsk {

    /** What to ask; null provider, model or system leave them to the catalog and the environment. */
    public record Question(String provider, String model, String system, String prompt) {
    }

    /** The answer's text and, when the provider reported it, a one-line token usage summary (else null). */
    public record Answer(String text, String usageLine) {
    }

    /**
     * The call did not succeed. {@code misconfigured}: the setup is wrong (no key, unknown provider or model);
     * {@code streamBroken}: the stream failed after text was already printed.
     */
    public static final class AskException extends RuntimeException {

        private final boolean misconfigured;
        private final boolean streamBroken;

        AskException(LlmException cause, boolean streamBroken) {
            super(cause.getMessage(), cause);
            this.misconfigured = cause instanceof ConfigurationException;
            this.streamBroken = streamBroken;
        }

        public boolean misconfigured() {
            return misconfigured;
        }

        public boolean streamBroken() {
            return streamBroken;
        }
    }

    private final Map<String, String> environment;

    public OneShotAsk(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Asks {@code question}. With {@code deltas} the answer streams and each piece of text goes to it as it arrives
     * (the returned text is then empty); without, the whole answer comes back at once.
     */
    public Answer ask(Question question, Consumer<String> deltas) {
        // as the spec's high-level API does (unified-llm-spec 6.6): two retries of transient errors before any
        // data arrives, honouring Retry-After
        try (Client client = Client.fromEnv(environment).withMiddleware(Middlewares.retry(RetryPolicy.DEFAULT))) {
            Request request = request(client, question);
            if (deltas == null) {
                Response response = client.complete(request);
                return new Answer(response.text(), usageLine(response));
            }
            Response response = null;
            try (EventStream events = client.stream(request)) {
                while (events.hasNext()) {
                    StreamEvent event = events.next();
                    if (event instanceof StreamEvent.TextDelta d) {
                        deltas.accept(d.delta());
                    } else if (event instanceof StreamEvent.Finish f) {
                        response = f.response();
                    } else if (event instanceof StreamEvent.Error e) {
                        throw new AskException(e.error(), true);
                    }
                }
            }
            return new Answer("", response == null ? null : usageLine(response));
        } catch (LlmException e) {
            throw new AskException(e, false);
        }
    }

    private static Request request(Client client, Question question) {
        String model = question.model();
        ModelCatalog catalog = ModelCatalog.builtIn();
        Optional<ModelInfo> info = model == null ? Optional.empty() : catalog.getModelInfo(model);
        String chosenProvider = question.provider();
        if (chosenProvider == null && model != null) {
            if (info.isEmpty()) {
                throw new ConfigurationException("unknown model '" + model + "'; known models: " + catalog.knownIds()
                        + " (pass --provider to use a model outside the catalog)");
            }
            chosenProvider = info.get().provider();
        }
        if (chosenProvider == null) {
            chosenProvider = client.defaultProvider();
            if (chosenProvider == null) {
                throw new ConfigurationException("no LLM provider is configured: set ANTHROPIC_API_KEY, OPENAI_API_KEY"
                        + " or GEMINI_API_KEY");
            }
        }
        client.adapter(chosenProvider);
        String chosenModel = info.map(ModelInfo::id).orElse(model);
        if (chosenModel == null) {
            String p = chosenProvider;
            chosenModel = catalog.latest(p, null).map(ModelInfo::id).orElseThrow(() -> new ConfigurationException(
                    "no default model for provider " + p + ": pass --model"));
        }
        Request.Builder builder = Request.builder(chosenModel).provider(chosenProvider);
        if (question.system() != null) {
            builder.message(Message.system(question.system()));
        }
        return builder.message(Message.user(question.prompt())).build();
    }

    private static String usageLine(Response response) {
        Usage u = response.usage();
        StringBuilder line = new StringBuilder(response.provider() + "/" + response.model() + ": input " + u.inputTokens()
                + ", output " + u.outputTokens() + ", total " + u.totalTokens() + " tokens");
        if (u.reasoningTokens() != null) {
            line.append(", reasoning ").append(u.reasoningTokens());
        }
        if (u.cacheReadTokens() != null) {
            line.append(", cache read ").append(u.cacheReadTokens());
        }
        if (u.cacheWriteTokens() != null) {
            line.append(", cache write ").append(u.cacheWriteTokens());
        }
        return line.append(", finish ").append(response.finishReason().reason().wireName()).toString();
    }
}
