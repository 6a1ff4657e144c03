package io.nightshift.runtime.service;

import io.nightshift.pipeline.human.Answer;
import io.nightshift.pipeline.human.Interviewer;
import io.nightshift.pipeline.human.Option;
import io.nightshift.pipeline.human.Question;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The interviewer of a service run: each question waits in a list until someone answers it over HTTP
 * (attractor-spec 9.5, 6.1). {@link #ask} blocks the asking stage; a question with a timeout gets its default
 * answer (or TIMEOUT) when it passes; an interrupt (the run is cancelled) answers SKIPPED. Thread-safe.
 */
public final class QuestionBroker implements Interviewer {

    /**
     * A question waiting for its answer, with the time it was asked. The accessors below read it for the edges,
     * which name no engine type (STYLE 24).
     */
    public record Pending(Question question, Instant askedAt) {

        public String id() {
            return question.id();
        }

        public String text() {
            return question.text();
        }

        /** {@code multiple_choice}, {@code yes_no}, {@code confirmation} or {@code freeform}. */
        public String type() {
            return question.type().name().toLowerCase(Locale.ROOT);
        }

        public String stage() {
            return question.stage();
        }

        public List<Choice> choices() {
            return question.options().stream().map(o -> new Choice(o.key(), o.label())).toList();
        }

        public List<String> validKeys() {
            return keysOf(question);
        }

        public Double timeoutSeconds() {
            return question.timeoutSeconds();
        }
    }

    /** One option of a multiple-choice question. */
    public record Choice(String key, String label) {
    }

    private record Slot(Pending pending, CompletableFuture<Answer> answer) {
    }

    private final String runId;
    private final Map<String, Slot> slots = new LinkedHashMap<>();

    public QuestionBroker(String runId) {
        this.runId = runId;
    }

    @Override
    public Answer ask(Question question) {
        Slot slot = new Slot(new Pending(question, Instant.now()), new CompletableFuture<>());
        synchronized (slots) {
            slots.put(question.id(), slot);
        }
        try {
            if (question.timeoutSeconds() != null && question.timeoutSeconds() > 0) {
                return slot.answer().get((long) (question.timeoutSeconds() * 1000), TimeUnit.MILLISECONDS);
            }
            return slot.answer().get();
        } catch (TimeoutException e) {
            return question.defaultAnswer() != null ? question.defaultAnswer() : Answer.timeout();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.skipped();
        } catch (ExecutionException e) {
            return Answer.skipped();
        } finally {
            synchronized (slots) {
                slots.remove(question.id());
            }
        }
    }

    /** The questions waiting now, oldest first. */
    public List<Pending> pending() {
        synchronized (slots) {
            return slots.values().stream().map(Slot::pending).toList();
        }
    }

    /** {@link #answer}, returning the value recorded (an option key, YES/NO, or the text). */
    public String answerValue(String questionId, String value, String text) {
        return answer(questionId, value, text).value();
    }

    /**
     * Answers a pending question with an option key ({@code value}) or free text ({@code text}).
     *
     * @throws QuestionNotFoundException when no such question is pending
     * @throws InvalidAnswerException when the answer does not fit the question; it lists the valid keys
     */
    public Answer answer(String questionId, String value, String text) {
        Slot slot;
        synchronized (slots) {
            slot = slots.get(questionId);
        }
        if (slot == null) {
            throw new QuestionNotFoundException(runId, questionId);
        }
        Answer answer = interpret(slot.pending().question(), value, text);
        if (!slot.answer().complete(answer)) {
            throw new QuestionNotFoundException(runId, questionId);
        }
        return answer;
    }

    static Answer interpret(Question q, String value, String text) {
        boolean hasValue = value != null && !value.isBlank();
        boolean hasText = text != null && !text.isBlank();
        return switch (q.type()) {
            case MULTIPLE_CHOICE -> {
                List<String> keys = q.options().stream().map(Option::key).toList();
                if (!hasValue) {
                    throw new InvalidAnswerException("this question needs {\"value\": \"<option key>\"}, one of "
                            + keys, keys);
                }
                for (Option o : q.options()) {
                    if (o.key().equalsIgnoreCase(value.strip()) || o.label().equals(value.strip())) {
                        yield Answer.option(o);
                    }
                }
                throw new InvalidAnswerException("'" + value + "' is not an option of this question; valid keys: "
                        + keys, keys);
            }
            case YES_NO, CONFIRMATION -> {
                String v = hasValue ? value.strip().toUpperCase(Locale.ROOT) : "";
                if (v.equals("YES") || v.equals("Y")) {
                    yield Answer.yes();
                }
                if (v.equals("NO") || v.equals("N")) {
                    yield Answer.no();
                }
                throw new InvalidAnswerException("this question takes {\"value\": \"YES\"} or {\"value\": \"NO\"}",
                        List.of(Answer.YES, Answer.NO));
            }
            case FREEFORM -> {
                if (!hasText && !hasValue) {
                    throw new InvalidAnswerException("this question takes free text: {\"text\": \"...\"}",
                            new ArrayList<>());
                }
                yield Answer.freeform(hasText ? text : value);
            }
        };
    }

    /** Valid keys of a question, for listings. */
    public static List<String> keysOf(Question q) {
        return switch (q.type()) {
            case MULTIPLE_CHOICE -> q.options().stream().map(Option::key).toList();
            case YES_NO, CONFIRMATION -> List.of(Answer.YES, Answer.NO);
            case FREEFORM -> List.of();
        };
    }
}
