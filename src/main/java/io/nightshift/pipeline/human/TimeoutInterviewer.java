package io.nightshift.pipeline.human;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Enforces {@link Question#timeoutSeconds()} around an interviewer that blocks without a limit of its own
 * (attractor-spec 6.5): when time runs out the question's default answer is used, else {@link Answer#timeout()}.
 */
final class TimeoutInterviewer implements Interviewer {

    private final Interviewer inner;
    private final ExecutorService waiter = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "interviewer-timeout");
        t.setDaemon(true);
        return t;
    });

    public TimeoutInterviewer(Interviewer inner) {
        this.inner = inner;
    }

    @Override
    public Answer ask(Question question) {
        Double seconds = question.timeoutSeconds();
        if (seconds == null || seconds <= 0) {
            return inner.ask(question);
        }
        Future<Answer> pending = waiter.submit(() -> inner.ask(question));
        try {
            return pending.get((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return question.defaultAnswer() != null ? question.defaultAnswer() : Answer.timeout();
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return Answer.skipped();
        } catch (ExecutionException e) {
            throw new io.nightshift.pipeline.PipelineException(
                    "the interviewer failed: " + e.getCause().getMessage(), false, e.getCause());
        }
    }

    @Override
    public void inform(String message, String stage) {
        inner.inform(message, stage);
    }
}
