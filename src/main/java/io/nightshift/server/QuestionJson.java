package io.nightshift.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.nightshift.runtime.service.QuestionBroker;
import java.time.Instant;
import java.util.List;

/** A pending question: answer it with {@code {"value": key}} (one of {@code valid_keys}) or {@code {"text": ...}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QuestionJson(String id, String text, String type, String stage, List<OptionJson> options,
        List<String> validKeys, Double timeoutSeconds, Instant askedAt) {

    /** One choice. */
    public record OptionJson(String key, String label) {
        static OptionJson of(QuestionBroker.Choice c) {
            return new OptionJson(c.key(), c.label());
        }
    }

    static QuestionJson of(QuestionBroker.Pending p) {
        return new QuestionJson(p.id(), p.text(), p.type(), p.stage(), p.choices().stream().map(OptionJson::of).toList(),
                p.validKeys(), p.timeoutSeconds(), p.askedAt());
    }
}
