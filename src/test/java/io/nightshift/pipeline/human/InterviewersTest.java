package io.nightshift.pipeline.human;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class InterviewersTest {

    private static final List<Option> DEPLOY_OPTIONS = List.of(new Option("A", "[A] Approve"), new Option("F", "[F] Fix"));

    private static Question question(QuestionType type) {
        return new Question("q1", "Ship it?", type, type == QuestionType.MULTIPLE_CHOICE ? DEPLOY_OPTIONS : List.of(),
                null, null, "review_gate", Map.of());
    }

    @Test
    void autoApproveSaysYesToYesNoAndConfirmationQuestions() {
        Interviewer auto = new AutoApproveInterviewer();
        assertThat(auto.ask(question(QuestionType.YES_NO))).isEqualTo(Answer.yes());
        assertThat(auto.ask(question(QuestionType.CONFIRMATION))).isEqualTo(Answer.yes());
    }

    @Test
    void autoApprovePicksTheFirstOptionOfAMultipleChoiceQuestion() {
        Answer answer = new AutoApproveInterviewer().ask(question(QuestionType.MULTIPLE_CHOICE));
        assertThat(answer).isEqualTo(new Answer("A", DEPLOY_OPTIONS.get(0), null));
    }

    @Test
    void autoApproveAnswersFreeformQuestionsWithAMarkerText() {
        assertThat(new AutoApproveInterviewer().ask(question(QuestionType.FREEFORM)).text()).isEqualTo("auto-approved");
    }

    @Test
    void callbackInterviewerDelegatesEachQuestionToTheFunction() {
        Interviewer callback = new CallbackInterviewer(q -> Answer.freeform("seen " + q.stage()));
        assertThat(callback.ask(question(QuestionType.FREEFORM)).text()).isEqualTo("seen review_gate");
    }

    @Test
    void queueInterviewerAnswersInOrderThenSkips() {
        QueueInterviewer queue = new QueueInterviewer(List.of(Answer.no(), Answer.yes()));
        assertThat(queue.ask(question(QuestionType.YES_NO))).isEqualTo(Answer.no());
        assertThat(queue.ask(question(QuestionType.YES_NO))).isEqualTo(Answer.yes());
        assertThat(queue.ask(question(QuestionType.YES_NO)).isSkipped()).isTrue();
    }

    @Test
    void recordingInterviewerKeepsEveryQuestionWithItsAnswer() {
        RecordingInterviewer recording = new RecordingInterviewer(new AutoApproveInterviewer());
        Question q = question(QuestionType.MULTIPLE_CHOICE);
        recording.ask(q);
        assertThat(recording.exchanges()).containsExactly(
                new RecordingInterviewer.Exchange(q, Answer.option(DEPLOY_OPTIONS.get(0))));
    }

    @Test
    void consoleInterviewerShowsTheOptionsAndAcceptsAKey() {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        ConsoleInterviewer console = new ConsoleInterviewer(input("f\n"), new PrintStream(shown, true, StandardCharsets.UTF_8));
        Answer answer = console.ask(question(QuestionType.MULTIPLE_CHOICE));
        assertThat(answer.selectedOption()).isEqualTo(DEPLOY_OPTIONS.get(1));
        assertThat(shown.toString(StandardCharsets.UTF_8)).contains("[?] Ship it?", "[A] [A] Approve", "[F] [F] Fix");
    }

    @Test
    void consoleInterviewerAsksAgainAfterAnAnswerThatIsNotAChoice() {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        ConsoleInterviewer console = new ConsoleInterviewer(input("maybe\ny\n"), new PrintStream(shown, true, StandardCharsets.UTF_8));
        assertThat(console.ask(question(QuestionType.YES_NO))).isEqualTo(Answer.yes());
        assertThat(shown.toString(StandardCharsets.UTF_8)).contains("'maybe' is not one of the choices");
    }

    @Test
    void consoleInterviewerReadsFreeformText() {
        ConsoleInterviewer console = new ConsoleInterviewer(input("use the blue one\n"), new PrintStream(new ByteArrayOutputStream()));
        assertThat(console.ask(question(QuestionType.FREEFORM)).text()).isEqualTo("use the blue one");
    }

    @Test
    void consoleInterviewerSkipsWhenInputEnds() {
        ConsoleInterviewer console = new ConsoleInterviewer(input(""), new PrintStream(new ByteArrayOutputStream()));
        assertThat(console.ask(question(QuestionType.YES_NO)).isSkipped()).isTrue();
    }

    @Test
    void consoleInterviewerFallsBackToTheDefaultAnswerWhenTimeRunsOut() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        ConsoleInterviewer console = new ConsoleInterviewer(new PipedInputStream(keyboard), new PrintStream(new ByteArrayOutputStream()));
        Question q = question(QuestionType.YES_NO).withTimeout(0.2, Answer.no());
        assertThat(console.ask(q)).isEqualTo(Answer.no());
        keyboard.close();
    }

    @Test
    void timeoutInterviewerAnswersTimeoutWhenThereIsNoDefault() {
        CountDownLatch never = new CountDownLatch(1);
        Interviewer blocking = new CallbackInterviewer(q -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.yes();
        });
        Answer answer = new TimeoutInterviewer(blocking).ask(question(QuestionType.YES_NO).withTimeout(0.1, null));
        assertThat(answer.isTimeout()).isTrue();
    }

    @Test
    void timeoutInterviewerPassesAnswersGivenInTime() {
        Answer answer = new TimeoutInterviewer(new AutoApproveInterviewer())
                .ask(question(QuestionType.YES_NO).withTimeout(5.0, Answer.no()));
        assertThat(answer).isEqualTo(Answer.yes());
    }

    private static ByteArrayInputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
