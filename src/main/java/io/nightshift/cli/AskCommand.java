package io.nightshift.cli;

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
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nightshift ask}: one completion from the configured provider, transient errors retried as the spec's
 * high-level API does ({@link RetryPolicy#DEFAULT}, {@code Retry-After} honoured). Exit 0 on success, 1 when the call
 * fails, 2 when the setup is wrong (no key, unknown provider or model).
 */
@Command(name = "ask", mixinStandardHelpOptions = true, description = "Sends one prompt to an LLM and prints the answer.")
public class AskCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--provider", description = "anthropic, openai, gemini or openai_compatible (default: first configured).")
    String provider;

    @Option(names = "--model", description = "Model id or alias (default: the provider's best catalog model).")
    String model;

    @Option(names = "--stream", description = "Print the answer as it arrives.")
    boolean stream;

    @Option(names = "--system", description = "System prompt.")
    String system;

    @Option(names = "--verbose", description = "Print token usage to stderr.")
    boolean verbose;

    @Parameters(paramLabel = "PROMPT", arity = "1..*", description = "The prompt (words are joined by spaces).")
    String[] prompt;

    private final Map<String, String> environment;

    public AskCommand() {
        this(System.getenv());
    }

    AskCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // as the spec's high-level API does (unified-llm-spec 6.6): two retries of transient errors before any
        // data arrives, honouring Retry-After
        try (Client client = Client.fromEnv(environment).withMiddleware(Middlewares.retry(RetryPolicy.DEFAULT))) {
            Request request = request(client);
            Response response;
            if (stream) {
                try (EventStream events = client.stream(request)) {
                    response = null;
                    while (events.hasNext()) {
                        StreamEvent event = events.next();
                        if (event instanceof StreamEvent.TextDelta d) {
                            out.print(d.delta());
                            out.flush();
                        } else if (event instanceof StreamEvent.Finish f) {
                            response = f.response();
                        } else if (event instanceof StreamEvent.Error e) {
                            out.println();
                            throw e.error();
                        }
                    }
                }
                out.println();
            } else {
                response = client.complete(request);
                out.println(response.text());
            }
            out.flush();
            if (verbose && response != null) {
                err.println(usageLine(response));
                err.flush();
            }
            return 0;
        } catch (ConfigurationException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        } catch (LlmException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private Request request(Client client) {
        ModelCatalog catalog = ModelCatalog.builtIn();
        Optional<ModelInfo> info = model == null ? Optional.empty() : catalog.getModelInfo(model);
        String chosenProvider = provider;
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
        if (system != null) {
            builder.message(Message.system(system));
        }
        return builder.message(Message.user(String.join(" ", prompt))).build();
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
