package io.nightshift.pipeline.human;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Answers from a pre-filled queue, in order; once it is empty every question is skipped. For tests and replay. */
public final class QueueInterviewer implements Interviewer {

    private final ConcurrentLinkedQueue<Answer> answers;

    public QueueInterviewer(List<Answer> answers) {
        this.answers = new ConcurrentLinkedQueue<>(answers);
    }

    @Override
    public Answer ask(Question question) {
        Answer next = answers.poll();
        return next == null ? Answer.skipped() : next;
    }

    public int remaining() {
        return answers.size();
    }
}
