package io.nightshift.pipeline.human;

import java.util.ArrayList;
import java.util.List;

/** Wraps another interviewer and keeps every question with its answer, for audit and replay. */
final class RecordingInterviewer implements Interviewer {

    /** One exchange, in the order questions were answered. */
    public record Exchange(Question question, Answer answer) {
    }

    private final Interviewer inner;
    private final List<Exchange> exchanges = new ArrayList<>();

    public RecordingInterviewer(Interviewer inner) {
        this.inner = inner;
    }

    @Override
    public Answer ask(Question question) {
        Answer answer = inner.ask(question);
        synchronized (exchanges) {
            exchanges.add(new Exchange(question, answer));
        }
        return answer;
    }

    @Override
    public void inform(String message, String stage) {
        inner.inform(message, stage);
    }

    public List<Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }
}
