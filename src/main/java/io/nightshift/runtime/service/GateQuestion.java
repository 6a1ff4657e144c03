package io.nightshift.runtime.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A pending human-gate question as the edges show it, in plain data: the edges (server, cli, mcp) list and answer
 * gates without reaching into the engine's interviewer types.
 *
 * @param options   the choices as {@code key -> label}, in order; empty for yes/no and free-text questions
 * @param validKeys what {@code value} may be; empty when the question takes free text
 */
public record GateQuestion(String id, String text, String type, String stage, List<Choice> options,
        List<String> validKeys, Double timeoutSeconds, Instant askedAt) {

    /** One choice of a multiple-choice question. */
    public record Choice(String key, String label) {
    }

    /** The run's pending questions, oldest first. */
    public static List<GateQuestion> pendingOf(ManagedRun run) {
        return run.questions().pending().stream().map(GateQuestion::of).toList();
    }

    /**
     * Answers a pending question with an option key ({@code value}) or free text ({@code text}); returns the answer
     * as recorded (the option's key, YES/NO, or the text).
     *
     * @throws QuestionNotFoundException when no such question is pending
     * @throws InvalidAnswerException when the answer does not fit the question; it lists the valid keys
     */
    public static String answer(ManagedRun run, String questionId, String value, String text) {
        return run.questions().answer(questionId, value, text).value();
    }

    static GateQuestion of(QuestionBroker.Pending p) {
        var q = p.question();
        return new GateQuestion(q.id(), q.text(), q.type().name().toLowerCase(Locale.ROOT), q.stage(),
                q.options().stream().map(o -> new Choice(o.key(), o.label())).toList(), QuestionBroker.keysOf(q),
                q.timeoutSeconds(), p.askedAt());
    }
}
