package io.nightshift.harness;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The JSON forms of judgments: the full {@link Judgment} (scenario text and expected values included: for the
 * store's record only) and the {@link DisclosedJudgment} (for the run directory, events and reports). Enums are
 * written by their wire names ({@code hints}, {@code expect_exit_code}), step actions carry a {@code type}, and
 * a full judgment also carries its computed {@code satisfaction}, {@code satisfiedTrials}, {@code totalTrials} and
 * {@code reached} so that the store can report them without the model. Unknown fields are ignored on reading.
 */
public final class JudgmentJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(wireNames())
            .addMixIn(StepAction.class, StepActionMixin.class)
            .addMixIn(Judgment.class, JudgmentMixin.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JudgmentJson() {
    }

    public static String write(Judgment judgment) {
        return write((Object) judgment);
    }

    public static String write(DisclosedJudgment judgment) {
        return write((Object) judgment);
    }

    /** @throws IllegalArgumentException when {@code json} is not a judgment, saying where */
    public static Judgment readJudgment(String json) {
        return read(json, Judgment.class);
    }

    /** @throws IllegalArgumentException when {@code json} is not a disclosed judgment, saying where */
    public static DisclosedJudgment readDisclosed(String json) {
        return read(json, DisclosedJudgment.class);
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a judgment could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + " in JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()), e);
        }
    }

    private static SimpleModule wireNames() {
        SimpleModule module = new SimpleModule("nightshift-harness-wire-names");
        module.addSerializer(Disclosure.class, new WireSerializer<>(Disclosure.class, Disclosure::wireName));
        module.addDeserializer(Disclosure.class, new WireDeserializer<>(Disclosure.class, Disclosure::parse));
        module.addSerializer(GateRule.class, new WireSerializer<>(GateRule.class, GateRule::wireName));
        module.addDeserializer(GateRule.class, new WireDeserializer<>(GateRule.class, GateRule::parse));
        module.addSerializer(StepKind.class, new WireSerializer<>(StepKind.class, StepKind::wireName));
        module.addDeserializer(StepKind.class, new WireDeserializer<>(StepKind.class,
                text -> StepKind.valueOf(text.toUpperCase(java.util.Locale.ROOT))));
        return module;
    }

    private static final class WireSerializer<E> extends StdSerializer<E> {
        private final java.util.function.Function<E, String> name;

        WireSerializer(Class<E> type, java.util.function.Function<E, String> name) {
            super(type);
            this.name = name;
        }

        @Override
        public void serialize(E value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(name.apply(value));
        }
    }

    private static final class WireDeserializer<E> extends StdDeserializer<E> {
        private final java.util.function.Function<String, E> parse;

        WireDeserializer(Class<E> type, java.util.function.Function<String, E> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                return ctxt.reportInputMismatch(handledType(), "unknown %s '%s'", handledType().getSimpleName(), text);
            }
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = StepAction.RunCommand.class, name = "run_command"),
            @JsonSubTypes.Type(value = StepAction.StartService.class, name = "start_service"),
            @JsonSubTypes.Type(value = StepAction.SendHttp.class, name = "http_request"),
            @JsonSubTypes.Type(value = StepAction.ExpectExitCode.class, name = "expect_exit_code"),
            @JsonSubTypes.Type(value = StepAction.ExpectText.class, name = "expect_output"),
            @JsonSubTypes.Type(value = StepAction.ExpectJson.class, name = "expect_json"),
            @JsonSubTypes.Type(value = StepAction.ExpectHttpStatus.class, name = "expect_http_status"),
            @JsonSubTypes.Type(value = StepAction.ExpectFile.class, name = "expect_file"),
            @JsonSubTypes.Type(value = StepAction.JudgeAgrees.class, name = "llm_judge"),
            @JsonSubTypes.Type(value = StepAction.ResetTwin.class, name = "reset_twin"),
            @JsonSubTypes.Type(value = StepAction.FailTwinNext.class, name = "fail_twin_next"),
            @JsonSubTypes.Type(value = StepAction.ExpectTwinRequest.class, name = "expect_twin_request")})
    interface StepActionMixin {
    }

    abstract static class JudgmentMixin {
        @JsonProperty(value = "satisfiedTrials", access = JsonProperty.Access.READ_ONLY)
        abstract int satisfiedTrials();

        @JsonProperty(value = "totalTrials", access = JsonProperty.Access.READ_ONLY)
        abstract int totalTrials();

        @JsonProperty(value = "satisfaction", access = JsonProperty.Access.READ_ONLY)
        abstract double satisfaction();

        @JsonProperty(value = "reached", access = JsonProperty.Access.READ_ONLY)
        abstract boolean reached();

        @JsonProperty(value = "estimate", access = JsonProperty.Access.READ_ONLY)
        abstract SatisfactionEstimate estimate();

        @JsonProperty(value = "judgeErrors", access = JsonProperty.Access.READ_ONLY)
        abstract int judgeErrors();
    }
}
