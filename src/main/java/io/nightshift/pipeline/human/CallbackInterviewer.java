package io.nightshift.pipeline.human;

import java.util.Objects;
import java.util.function.Function;

/** Hands each question to a function: the bridge to web pages, chat bots and other remote frontends. */
final class CallbackInterviewer implements Interviewer {

    private final Function<Question, Answer> callback;

    public CallbackInterviewer(Function<Question, Answer> callback) {
        this.callback = Objects.requireNonNull(callback, "callback");
    }

    @Override
    public Answer ask(Question question) {
        Answer answer = callback.apply(question);
        return answer == null ? Answer.skipped() : answer;
    }
}
