package io.nightshift.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.agent.AgentTwin;
import io.nightshift.event.AgentEvent;
import io.nightshift.llm.AuthenticationException;
import io.nightshift.llm.RetryPolicy;
import io.nightshift.llm.ServerException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transient provider faults are survived inside the session (the documented deviation of {@link ModelRetry}),
 * terminal ones end it at once; the twin plays the faults over real HTTP.
 */
class ProviderFaultRetryTest {

    /** Short waits so the tests spend no time backing off; Retry-After still wins when the twin sends it. */
    private static final ModelRetry QUICK = new ModelRetry(new RetryPolicy(3, Duration.ofMillis(5),
            Duration.ofSeconds(2), 2.0, false, null, null));

    @TempDir
    Path dir;
    private AgentTwin t;

    @AfterEach
    void close() {
        if (t != null) {
            t.close();
        }
    }

    private Session session(String script, ModelRetry retry) {
        t = new AgentTwin("anthropic", script, dir);
        return Session.builder(t.client, t.profile(), t.env).modelRetry(retry).sink(t.events).build();
    }

    private static List<Turn.AssistantTurn> assistantTurns(Session session) {
        return session.history().stream().filter(Turn.AssistantTurn.class::isInstance)
                .map(Turn.AssistantTurn.class::cast).toList();
    }

    @Test
    void aStreamCutMidAnswerIsAskedAgainAndThePartialTurnNeverReachesTheHistory() {
        Session session = session("""
                {"steps": [
                  {"reply": {"text": "The first half of an answer that never ends",
                             "stream": {"chunk_chars": 4, "drop_after_events": 5}}},
                  {"reply": {"text": "The whole answer."}}]}""", QUICK);
        ProcessingResult result = session.submit("Explain the build");

        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(result.finalText()).isEqualTo("The whole answer.");
        assertThat(assistantTurns(session)).extracting(Turn.AssistantTurn::content)
                .containsExactly("The whole answer.");
        assertThat(t.requests()).hasSize(2);
        assertThat(t.requests().get(0).json().path("stream").asBoolean()).isTrue();
        // the retry sends the very same conversation: nothing of the cut answer was added to it
        assertThat(t.requests().get(1).json().get("messages")).isEqualTo(t.requests().get(0).json().get("messages"));
        assertThat(t.events.ofType(AgentEvent.AssistantTextDelta.class)).isNotEmpty();
        assertThat(t.events.ofType(AgentEvent.Warning.class)).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("partial answer is discarded", "retry 1 of 3"));
    }

    @Test
    void anOverloaded529IsRetriedToSuccess() {
        Session session = session("""
                {"steps": [
                  {"reply": {"error": {"status": 529, "message": "Overloaded"}}},
                  {"reply": {"text": "Done after the overload."}}]}""", QUICK);
        ProcessingResult result = session.submit("Hello");

        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(result.finalText()).isEqualTo("Done after the overload.");
        assertThat(t.requests()).hasSize(2);
        assertThat(session.state()).isEqualTo(SessionState.IDLE);
    }

    @Test
    void anErrorInsideTheStreamIsRetriedToSuccess() {
        Session session = session("""
                {"steps": [
                  {"reply": {"text": "Halfway there and then", "stream": {"error_after_events": 4}}},
                  {"reply": {"text": "Complete."}}]}""", QUICK);
        ProcessingResult result = session.submit("Hello");

        assertThat(result.finalText()).isEqualTo("Complete.");
        assertThat(assistantTurns(session)).hasSize(1);
        assertThat(t.requests()).hasSize(2);
    }

    @Test
    void aRetryAfterHeaderSetsTheWaitInsteadOfTheBackoff() {
        Session session = session("""
                {"steps": [
                  {"reply": {"error": {"status": 429, "retry_after": 1}}},
                  {"reply": {"text": "Served."}}]}""", QUICK);
        ProcessingResult result = session.submit("Hello");

        assertThat(result.finalText()).isEqualTo("Served.");
        assertThat(t.events.ofType(AgentEvent.Warning.class)).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("in 1000 ms"));
    }

    @Test
    void aRetryAfterLongerThanTheMaximumDelayEndsTheInputAtOnce() {
        Session session = session("""
                {"steps": [{"reply": {"error": {"status": 429, "retry_after": 30}}}]}""", QUICK);
        ProcessingResult result = session.submit("Hello");

        assertThat(result.stopReason()).isEqualTo(StopReason.ERROR);
        assertThat(t.requests()).hasSize(1);
    }

    @Test
    void givesUpAfterTheBoundWithTheLastFaultAttached() {
        Session session = session("""
                {"rules": [{"reply": {"error": {"status": 503, "message": "upstream unavailable"}}}]}""", QUICK);
        ProcessingResult result = session.submit("Hello");

        assertThat(result.stopReason()).isEqualTo(StopReason.ERROR);
        assertThat(result.fault()).isInstanceOf(ServerException.class);
        assertThat(result.error()).contains("upstream unavailable");
        assertThat(t.requests()).hasSize(1 + QUICK.policy().maxRetries());
    }

    @Test
    void anAuthenticationErrorFailsAtOnceWithOneRequest() {
        Session session = session("""
                {"rules": [{"reply": {"error": {"status": 401, "message": "invalid x-api-key"}}}]}""",
                ModelRetry.DEFAULT);
        ProcessingResult result = session.submit("Hello");

        assertThat(result.stopReason()).isEqualTo(StopReason.ERROR);
        assertThat(result.fault()).isInstanceOf(AuthenticationException.class);
        assertThat(result.error()).contains("invalid x-api-key");
        assertThat(t.requests()).hasSize(1);
        assertThat(t.events.ofType(AgentEvent.Warning.class)).isEmpty();
    }
}
