package io.nightshift.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.nightshift.pipeline.human.Option;
import io.nightshift.runtime.service.QuestionBroker;
import java.time.Instant;
import java.util.List;

/** A pending question: answer it with {@code {"value": key}} (one of {@code valid_keys}) or {@code {"text": ...}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QuestionJson(String id, String text, String type, String stage, List<OptionJson> options,
        List<String> validKeys, Double timeoutSeconds, Instant askedAt) {

    /** One choice. */
    public record OptionJson(String key, String label) {
        static OptionJson of(Option o) {
            return new OptionJson(o.key(), o.label());
        }
    }

    static QuestionJson of(QuestionBroker.Pending p) {
        var q = p.question();
        return new QuestionJson(q.id(), q.text(), q.type().name().toLowerCase(java.util.Locale.ROOT), q.stage(),
                q.options().stream().map(OptionJson::of).toList(), QuestionBroker.keysOf(q), q.timeoutSeconds(),
                p.askedAt());
    }
}
