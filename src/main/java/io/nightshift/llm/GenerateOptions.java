package io.nightshift.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Predicate;

/**
 * Parameters of the high-level calls (unified-llm-spec 4.3). Exactly one of {@code prompt} and
 * {@code messages}; {@code system} is prepended as a system message. {@code retryPolicy} defaults to
 * {@link RetryPolicy#DEFAULT} (two retries) and applies to each model call separately; {@code client} defaults
 * to {@link Llm#defaultClient()}.
 */
public record GenerateOptions(String model, String prompt, List<Message> messages, String system, List<Tool> tools,
                              ToolChoice toolChoice, int maxToolRounds, Predicate<List<StepResult>> stopWhen,
                              ResponseFormat responseFormat, Double temperature, Double topP, Integer maxTokens,
                              List<String> stopSequences, String reasoningEffort, String provider,
                              ObjectNode providerOptions, RetryPolicy retryPolicy, TimeoutConfig timeout,
                              CancellationToken cancellation, Client client, ToolRepair repair) {

    public GenerateOptions {
        tools = tools == null ? List.of() : List.copyOf(tools);
        retryPolicy = retryPolicy == null ? RetryPolicy.DEFAULT : retryPolicy;
        cancellation = cancellation == null ? CancellationToken.NONE : cancellation;
        if (maxToolRounds < 0) {
            throw new IllegalArgumentException("maxToolRounds must be >= 0");
        }
    }

    public static Builder builder(String model) {
        return new Builder(model);
    }

    public Builder toBuilder() {
        Builder b = new Builder(model);
        b.prompt = prompt; b.messages = messages; b.system = system; b.tools = tools; b.toolChoice = toolChoice;
        b.maxToolRounds = maxToolRounds; b.stopWhen = stopWhen; b.responseFormat = responseFormat;
        b.temperature = temperature; b.topP = topP; b.maxTokens = maxTokens; b.stopSequences = stopSequences;
        b.reasoningEffort = reasoningEffort; b.provider = provider; b.providerOptions = providerOptions;
        b.retryPolicy = retryPolicy; b.timeout = timeout; b.cancellation = cancellation; b.client = client;
        b.repair = repair;
        return b;
    }

    /** Builds {@link GenerateOptions}; maxToolRounds defaults to 1 as in the spec. */
    public static final class Builder {
        private final String model;
        private String prompt;
        private List<Message> messages;
        private String system;
        private List<Tool> tools;
        private ToolChoice toolChoice;
        private int maxToolRounds = 1;
        private Predicate<List<StepResult>> stopWhen;
        private ResponseFormat responseFormat;
        private Double temperature;
        private Double topP;
        private Integer maxTokens;
        private List<String> stopSequences;
        private String reasoningEffort;
        private String provider;
        private ObjectNode providerOptions;
        private RetryPolicy retryPolicy;
        private TimeoutConfig timeout;
        private CancellationToken cancellation;
        private Client client;
        private ToolRepair repair;

        private Builder(String model) {
            this.model = model;
        }

        public Builder prompt(String v) { prompt = v; return this; }
        public Builder messages(List<Message> v) { messages = v; return this; }
        public Builder system(String v) { system = v; return this; }
        public Builder tools(List<Tool> v) { tools = v; return this; }
        public Builder tools(Tool... v) { tools = List.of(v); return this; }
        public Builder toolChoice(ToolChoice v) { toolChoice = v; return this; }
        public Builder maxToolRounds(int v) { maxToolRounds = v; return this; }
        public Builder stopWhen(Predicate<List<StepResult>> v) { stopWhen = v; return this; }
        public Builder responseFormat(ResponseFormat v) { responseFormat = v; return this; }
        public Builder temperature(Double v) { temperature = v; return this; }
        public Builder topP(Double v) { topP = v; return this; }
        public Builder maxTokens(Integer v) { maxTokens = v; return this; }
        public Builder stopSequences(List<String> v) { stopSequences = v; return this; }
        public Builder reasoningEffort(String v) { reasoningEffort = v; return this; }
        public Builder provider(String v) { provider = v; return this; }
        public Builder providerOptions(ObjectNode v) { providerOptions = v; return this; }
        public Builder retryPolicy(RetryPolicy v) { retryPolicy = v; return this; }
        public Builder maxRetries(int v) { retryPolicy = (retryPolicy == null ? RetryPolicy.DEFAULT : retryPolicy).withMaxRetries(v); return this; }
        public Builder timeout(TimeoutConfig v) { timeout = v; return this; }
        public Builder cancellation(CancellationToken v) { cancellation = v; return this; }
        public Builder client(Client v) { client = v; return this; }
        public Builder repair(ToolRepair v) { repair = v; return this; }

        public GenerateOptions build() {
            return new GenerateOptions(model, prompt, messages, system, tools, toolChoice, maxToolRounds, stopWhen,
                    responseFormat, temperature, topP, maxTokens, stopSequences, reasoningEffort, provider,
                    providerOptions, retryPolicy, timeout, cancellation, client, repair);
        }
    }
}
