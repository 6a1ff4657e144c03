package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.llm.http.Timers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The high-level API (unified-llm-spec 4.3 to 4.7, 5.6): generation with automatic tool rounds, streaming,
 * structured output, and the module-level default client.
 */
public final class Llm {

    private static volatile Client defaultClient;

    private Llm() {
    }

    /** The module-level client: the one set with {@link #setDefaultClient}, else one built lazily from the environment. */
    public static Client defaultClient() {
        Client client = defaultClient;
        if (client == null) {
            synchronized (Llm.class) {
                if (defaultClient == null) {
                    defaultClient = Client.fromEnv();
                }
                client = defaultClient;
            }
        }
        return client;
    }

    public static void setDefaultClient(Client client) {
        defaultClient = client;
    }

    /**
     * Generates a response, running active tools in rounds (at most {@code maxToolRounds}, so at most
     * {@code maxToolRounds + 1} model calls). Each model call is retried on its own under the retry policy.
     */
    public static GenerateResult generate(GenerateOptions options) {
        return generate(options, null);
    }

    static GenerateResult generate(GenerateOptions options, JsonNode output) {
        Client client = options.client() != null ? options.client() : defaultClient();
        List<Message> conversation = new ArrayList<>(initialMessages(options));
        List<StepResult> steps = new ArrayList<>();
        CancellationToken total = options.cancellation().child();
        ScheduledFuture<?> totalTimer = schedule(total, options.timeout() == null ? null : options.timeout().total(), "total");
        try {
            for (int round = 0; ; round++) {
                Response response = step(client, options, conversation, total);
                List<ToolCall> calls = response.toolCalls();
                boolean wantsTools = !calls.isEmpty() && response.finishReason().reason() == FinishReason.Reason.TOOL_CALLS;
                boolean execute = wantsTools && round < options.maxToolRounds()
                        && ToolRunner.allActiveOrUnknown(options.tools(), calls);
                List<ToolResult> results = execute
                        ? ToolRunner.executeAll(options.tools(), calls, conversation, total, options.repair()) : List.of();
                steps.add(StepResult.of(response, results));
                if (!execute || (options.stopWhen() != null && options.stopWhen().test(List.copyOf(steps)))) {
                    return GenerateResult.of(steps, output);
                }
                appendRound(conversation, response, results);
            }
        } finally {
            cancel(totalTimer);
            total.release();
        }
    }

    private static Response step(Client client, GenerateOptions options, List<Message> conversation, CancellationToken total) {
        return Retry.call(options.retryPolicy(), total, () -> {
            CancellationToken stepToken = total.child();
            ScheduledFuture<?> timer = schedule(stepToken, options.timeout() == null ? null : options.timeout().perStep(), "per-step");
            try {
                return client.complete(request(options, conversation, stepToken));
            } finally {
                cancel(timer);
                stepToken.release();
            }
        });
    }

    /** Streams a generation; with active tools the stream spans all steps, a step-finish event between them. */
    public static StreamResult stream(GenerateOptions options) {
        Client client = options.client() != null ? options.client() : defaultClient();
        return new StreamResult(client, options, new ArrayList<>(initialMessages(options)));
    }

    /**
     * Generates JSON conforming to {@code schema} (spec 4.5) and returns it parsed and validated as
     * {@link GenerateResult#output()}; a reply that does not parse or conform raises
     * {@link NoObjectGeneratedException} (never retried).
     */
    public static GenerateResult generateObject(GenerateOptions options, JsonNode schema) {
        GenerateOptions withFormat = options.toBuilder().responseFormat(ResponseFormat.jsonSchema(schema, true)).build();
        GenerateResult result = generate(withFormat, null);
        JsonNode output = parseObject(result.text(), schema);
        return new GenerateResult(result.text(), result.reasoning(), result.toolCalls(), result.toolResults(),
                result.finishReason(), result.usage(), result.totalUsage(), result.steps(), result.response(), output);
    }

    /** Streams structured output as growing partial objects (spec 4.6). */
    public static ObjectStreamResult streamObject(GenerateOptions options, JsonNode schema) {
        GenerateOptions withFormat = options.toBuilder().responseFormat(ResponseFormat.jsonSchema(schema, true)).build();
        return new ObjectStreamResult(stream(withFormat), schema);
    }

    static JsonNode parseObject(String text, JsonNode schema) {
        String json = PartialJson.stripFences(text);
        JsonNode parsed = Json.parseOrNull(json);
        if (parsed == null) {
            throw new NoObjectGeneratedException("the model's reply is not valid JSON: " + abbreviate(text));
        }
        List<String> problems = JsonSchemaValidator.validate(schema, parsed);
        if (!problems.isEmpty()) {
            throw new NoObjectGeneratedException("the model's JSON does not match the schema: "
                    + String.join("; ", problems) + " (reply: " + abbreviate(text) + ")");
        }
        return parsed;
    }

    static List<Message> initialMessages(GenerateOptions options) {
        if ((options.prompt() == null) == (options.messages() == null)) {
            throw new ConfigurationException(options.prompt() == null
                    ? "generate needs a prompt or a messages list" : "give either a prompt or a messages list, not both");
        }
        List<Message> messages = new ArrayList<>();
        if (options.system() != null) {
            messages.add(Message.system(options.system()));
        }
        if (options.prompt() != null) {
            messages.add(Message.user(options.prompt()));
        } else {
            messages.addAll(options.messages());
        }
        return messages;
    }

    static Request request(GenerateOptions options, List<Message> conversation, CancellationToken token) {
        return Request.builder(options.model()).messages(conversation).provider(options.provider())
                .tools(options.tools().stream().map(Tool::definition).toList()).toolChoice(options.toolChoice())
                .responseFormat(options.responseFormat()).temperature(options.temperature()).topP(options.topP())
                .maxTokens(options.maxTokens()).stopSequences(options.stopSequences())
                .reasoningEffort(options.reasoningEffort()).providerOptions(options.providerOptions())
                .cancellation(token).build();
    }

    static void appendRound(List<Message> conversation, Response response, List<ToolResult> results) {
        conversation.add(response.message());
        for (ToolResult r : results) {
            conversation.add(Message.toolResult(r.toolCallId(), r.content(), r.isError()));
        }
    }

    static ScheduledFuture<?> schedule(CancellationToken token, java.time.Duration after, String what) {
        if (after == null) {
            return null;
        }
        return Timers.SCHEDULER.schedule(() -> token.cancel(new RequestTimeoutException(
                "the generation exceeded its " + what + " timeout of " + after.toMillis() + "ms")),
                after.toMillis(), TimeUnit.MILLISECONDS);
    }

    static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
