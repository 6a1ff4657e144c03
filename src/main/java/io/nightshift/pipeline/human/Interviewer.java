package io.nightshift.pipeline.human;

import java.util.ArrayList;
import java.util.List;

/**
 * The frontend through which a pipeline asks a human (attractor-spec 6.1). {@link #ask} blocks until answered,
 * and answers {@link Answer#timeout()} when the question's timeout passes with no default. Implementations are
 * safe to call from parallel branches.
 */
public interface Interviewer {

    Answer ask(Question question);

    default List<Answer> askMultiple(List<Question> questions) {
        List<Answer> answers = new ArrayList<>();
        for (Question q : questions) {
            answers.add(ask(q));
        }
        return answers;
    }

    /** Tells the human something that needs no answer. Must not throw. */
    default void inform(String message, String stage) {
    }
}
