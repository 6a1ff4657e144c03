package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one input of {@code complete()} and {@code stream()} (unified-llm-spec 3.6). Optional fields are null when
 * unset. {@code providerOptions} is keyed by provider name ({@code {"anthropic": {...}}}); each adapter reads its
 * own entry. {@code cancellation} is not sent anywhere: cancelling it aborts the call.
 */
public record Request(String model, List<Message> messages, String provider, List<ToolDefinition> tools,
                      ToolChoice toolChoice, ResponseFormat responseFormat, Double temperature, Double topP,
                      Integer maxTokens, List<String> stopSequences, String reasoningEffort,
                      Map<String, String> metadata, ObjectNode providerOptions, CancellationToken cancellation) {

    public Request {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        providerOptions = providerOptions == null ? Json.object() : providerOptions;
        cancellation = cancellation == null ? CancellationToken.NONE : cancellation;
        if (reasoningEffort != null && !List.of("low", "medium", "high").contains(reasoningEffort)) {
            throw new IllegalArgumentException("reasoning effort must be low, medium or high, not '" + reasoningEffort + "'");
        }
    }

    public static Builder builder(String model) {
        return new Builder(model);
    }

    /** The options object for one provider, empty when none were given. */
    public ObjectNode optionsFor(String providerName) {
        JsonNode node = providerOptions.get(providerName);
        return node instanceof ObjectNode o ? o : Json.object();
    }

    public Builder toBuilder() {
        Builder b = new Builder(model);
        b.messages.addAll(messages);
        b.provider = provider;
        b.tools = tools;
        b.toolChoice = toolChoice;
        b.responseFormat = responseFormat;
        b.temperature = temperature;
        b.topP = topP;
        b.maxTokens = maxTokens;
        b.stopSequences = stopSequences;
        b.reasoningEffort = reasoningEffort;
        b.metadata = metadata;
        b.providerOptions = providerOptions;
        b.cancellation = cancellation;
        return b;
    }

    /** Builds a {@link Request}; only the model is required up front. */
    public static final class Builder {
        private String model;
        private final List<Message> messages = new ArrayList<>();
        private String provider;
        private List<ToolDefinition> tools;
        private ToolChoice toolChoice;
        private ResponseFormat responseFormat;
        private Double temperature;
        private Double topP;
        private Integer maxTokens;
        private List<String> stopSequences;
        private String reasoningEffort;
        private Map<String, String> metadata;
        private ObjectNode providerOptions;
        private CancellationToken cancellation;

        private Builder(String model) {
            this.model = model;
        }

        public Builder model(String value) { this.model = value; return this; }
        public Builder message(Message value) { messages.add(value); return this; }
        public Builder messages(List<Message> values) { messages.clear(); messages.addAll(values); return this; }
        public Builder provider(String value) { this.provider = value; return this; }
        public Builder tools(List<ToolDefinition> values) { this.tools = values; return this; }
        public Builder toolChoice(ToolChoice value) { this.toolChoice = value; return this; }
        public Builder responseFormat(ResponseFormat value) { this.responseFormat = value; return this; }
        public Builder temperature(Double value) { this.temperature = value; return this; }
        public Builder topP(Double value) { this.topP = value; return this; }
        public Builder maxTokens(Integer value) { this.maxTokens = value; return this; }
        public Builder stopSequences(List<String> values) { this.stopSequences = values; return this; }
        public Builder reasoningEffort(String value) { this.reasoningEffort = value; return this; }
        public Builder metadata(Map<String, String> value) { this.metadata = value; return this; }
        public Builder providerOptions(ObjectNode value) { this.providerOptions = value; return this; }
        public Builder cancellation(CancellationToken value) { this.cancellation = value; return this; }

        public Request build() {
            return new Request(model, messages, provider, tools, toolChoice, responseFormat, temperature, topP,
                    maxTokens, stopSequences, reasoningEffort, metadata, providerOptions, cancellation);
        }
    }
}
