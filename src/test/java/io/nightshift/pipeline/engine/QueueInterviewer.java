package io.nightshift.pipeline.engine;

import io.nightshift.pipeline.human.Answer;
import io.nightshift.pipeline.human.Interviewer;
import io.nightshift.pipeline.human.Question;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Answers from a queue, SKIPPED when empty (attractor-spec 6.4); records the questions. */
public final class QueueInterviewer implements Interviewer {

    private final Deque<Answer> answers;
    private final List<Question> asked = new ArrayList<>();

    public QueueInterviewer(Answer... answers) {
        this.answers = new ArrayDeque<>(List.of(answers));
    }

    public static QueueInterviewer keys(String... keys) {
        return new QueueInterviewer(java.util.Arrays.stream(keys).map(k -> new Answer(k, null, null))
                .toArray(Answer[]::new));
    }

    @Override
    public synchronized Answer ask(Question question) {
        asked.add(question);
        return answers.isEmpty() ? Answer.skipped() : answers.poll();
    }

    public synchronized List<Question> asked() {
        return List.copyOf(asked);
    }
}
