package io.nightshift.pipeline.human;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A question for a human (attractor-spec 6.2). {@code id} identifies it to remote frontends (HTTP answers);
 * {@code defaultAnswer} and {@code timeoutSeconds} may be null.
 */
public record Question(String id, String text, QuestionType type, List<Option> options, Answer defaultAnswer,
        Double timeoutSeconds, String stage, Map<String, Object> metadata) {

    public Question {
        options = List.copyOf(options);
        metadata = Map.copyOf(metadata);
    }

    public static Question multipleChoice(String text, List<Option> options, String stage) {
        return new Question(UUID.randomUUID().toString(), text, QuestionType.MULTIPLE_CHOICE, options, null, null,
                stage, Map.of());
    }

    public Question withTimeout(Double seconds, Answer fallback) {
        return new Question(id, text, type, options, fallback, seconds, stage, metadata);
    }
}
