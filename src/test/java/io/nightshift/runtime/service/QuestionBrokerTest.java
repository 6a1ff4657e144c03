package io.nightshift.runtime.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.pipeline.human.Answer;
import io.nightshift.pipeline.human.Option;
import io.nightshift.pipeline.human.Question;
import io.nightshift.pipeline.human.QuestionType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class QuestionBrokerTest {

    private static Question gate(Double timeout, Answer fallback) {
        return new Question("q1", "Ship?", QuestionType.MULTIPLE_CHOICE,
                List.of(new Option("A", "[A] Approve"), new Option("F", "[F] Fix")), fallback, timeout, "gate", Map.of());
    }

    private static void awaitPending(QuestionBroker broker) throws InterruptedException {
        while (broker.pending().isEmpty()) {
            Thread.sleep(5);
        }
    }

    @Test
    void answerByKeyReleasesTheAskingStageWithThatOption() throws Exception {
        QuestionBroker broker = new QuestionBroker("r");
        CompletableFuture<Answer> asked = CompletableFuture.supplyAsync(() -> broker.ask(gate(null, null)));
        awaitPending(broker);
        assertThatThrownBy(() -> broker.answer("q1", "Z", null)).isInstanceOf(InvalidAnswerException.class)
                .satisfies(e -> assertThat(((InvalidAnswerException) e).validKeys()).containsExactly("A", "F"));
        assertThatThrownBy(() -> broker.answer("q2", "A", null)).isInstanceOf(QuestionNotFoundException.class);
        broker.answer("q1", "f", null);
        assertThat(asked.get().selectedOption()).isEqualTo(new Option("F", "[F] Fix"));
        assertThat(broker.pending()).isEmpty();
        assertThatThrownBy(() -> broker.answer("q1", "A", null)).isInstanceOf(QuestionNotFoundException.class);
    }

    @Test
    void unansweredQuestionWithTimeoutGetsItsDefault() {
        QuestionBroker broker = new QuestionBroker("r");
        Answer fallback = Answer.option(new Option("F", "[F] Fix"));
        assertThat(broker.ask(gate(0.05, fallback))).isEqualTo(fallback);
        assertThat(broker.ask(gate(0.05, null)).isTimeout()).isTrue();
    }

    @Test
    void freeformQuestionTakesText() {
        Question q = new Question("q", "Why?", QuestionType.FREEFORM, List.of(), null, null, "s", Map.of());
        assertThat(QuestionBroker.interpret(q, null, "because").text()).isEqualTo("because");
        assertThatThrownBy(() -> QuestionBroker.interpret(q, null, " ")).isInstanceOf(InvalidAnswerException.class);
    }

    @Test
    void interruptedAskAnswersSkipped() throws Exception {
        QuestionBroker broker = new QuestionBroker("r");
        CompletableFuture<Answer> result = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().start(() -> result.complete(broker.ask(gate(null, null))));
        awaitPending(broker);
        t.interrupt();
        assertThat(result.get().isSkipped()).isTrue();
    }
}
