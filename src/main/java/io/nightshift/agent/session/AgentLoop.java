package io.nightshift.agent.session;

import io.nightshift.event.AgentEvent;
import io.nightshift.agent.profile.ProviderProfile;
import io.nightshift.llm.CancellationToken;
import io.nightshift.llm.ContextLengthException;
import io.nightshift.llm.EventStream;
import io.nightshift.llm.LlmException;
import io.nightshift.llm.Message;
import io.nightshift.llm.Request;
import io.nightshift.llm.Response;
import io.nightshift.llm.StreamEvent;
import io.nightshift.llm.ToolChoice;
import io.nightshift.llm.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The agentic loop of coding-agent spec 2.5 for one session: limits, request, LLM call (streamed when the
 * profile streams, retried on transient faults by the session's {@link ModelRetry}), assistant turn, tool round,
 * steering, loop detection, then follow-ups. Runs on the thread
 * that called {@code submit}; {@link #cancelCall} may be called from any thread.
 */
final class AgentLoop {

    static final double CONTEXT_WARNING_RATIO = 0.8;

    private final Session session;
    private volatile CancellationToken call;
    private volatile EventStream stream;

    AgentLoop(Session session) {
        this.session = session;
    }

    ProcessingResult process(String firstInput) {
        String input = firstInput;
        ProcessingResult result;
        do {
            result = processOne(input);
            input = result.completedNaturally() || result.stopReason() == StopReason.ROUND_LIMIT
                    ? session.pollFollowUp() : null;
        } while (input != null && !session.aborted());
        return result;
    }

    private ProcessingResult processOne(String input) {
        session.append(new Turn.UserTurn(input, session.now()));
        session.emit(new AgentEvent.UserInput(session.id(), session.now(), input));
        drainSteering();
        int rounds = 0;
        String lastText = "";
        boolean warned = false;
        while (true) {
            SessionConfig config = session.config();
            if (session.aborted()) {
                return new ProcessingResult(StopReason.ABORTED, lastText, rounds, null);
            }
            if (config.maxToolRoundsPerInput() > 0 && rounds >= config.maxToolRoundsPerInput()) {
                session.emit(new AgentEvent.TurnLimit(session.id(), session.now(), "max_tool_rounds_per_input", rounds,
                        countTurns()));
                return new ProcessingResult(StopReason.ROUND_LIMIT, lastText, rounds, null);
            }
            if (config.maxTurns() > 0 && countTurns() >= config.maxTurns()) {
                session.emit(new AgentEvent.TurnLimit(session.id(), session.now(), "max_turns", rounds, countTurns()));
                return new ProcessingResult(StopReason.TURN_LIMIT, lastText, rounds, null);
            }
            Response response;
            try {
                response = callWithRetry(config);
            } catch (RuntimeException e) {
                return failure(e, lastText, rounds);
            }
            io.nightshift.llm.Usage usage = response.usage() == null ? io.nightshift.llm.Usage.ZERO : response.usage();
            session.addUsage(usage);
            String stop = session.usageGate().afterCall(session.profile().id(), session.profile().model(), usage);
            Turn.AssistantTurn turn = new Turn.AssistantTurn(response.text(), response.toolCalls(),
                    response.reasoning(), response.usage(), response.id(), response.message(), session.now());
            session.append(turn);
            lastText = response.text();
            session.emit(new AgentEvent.AssistantTextEnd(session.id(), session.now(), response.text(),
                    response.reasoning(), response.toolCalls().size()));
            if (stop != null) {
                session.emit(new AgentEvent.TurnLimit(session.id(), session.now(), "budget", rounds, countTurns()));
                return new ProcessingResult(StopReason.BUDGET, lastText, rounds, stop);
            }
            warned = checkContext(warned);
            if (response.toolCalls().isEmpty()) {
                StopReason reason = lastText.strip().endsWith("?") ? StopReason.AWAITING_INPUT : StopReason.COMPLETED;
                return new ProcessingResult(reason, lastText, rounds, null);
            }
            rounds++;
            List<ToolResult> results;
            try {
                results = session.dispatcher().execute(response.toolCalls(),
                        session.profile().supportsParallelToolCalls());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ProcessingResult(StopReason.ABORTED, lastText, rounds, null);
            }
            session.append(new Turn.ToolResultsTurn(results, session.now()));
            if (session.aborted()) {
                return new ProcessingResult(StopReason.ABORTED, lastText, rounds, null);
            }
            drainSteering();
            if (config.enableLoopDetection() && LoopDetector.detect(session.historyView(), config.loopDetectionWindow())) {
                String warning = "Loop detected: the last " + config.loopDetectionWindow()
                        + " tool calls follow a repeating pattern. Try a different approach.";
                session.append(new Turn.SteeringTurn(warning, session.now()));
                session.emit(new AgentEvent.LoopDetection(session.id(), session.now(), warning));
            }
        }
    }

    private ProcessingResult failure(RuntimeException e, String lastText, int rounds) {
        if (session.aborted()) {
            return new ProcessingResult(StopReason.ABORTED, lastText, rounds, null);
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        LlmException fault = e instanceof LlmException l ? l : null;
        if (e instanceof ContextLengthException) {
            session.emit(new AgentEvent.Warning(session.id(), session.now(),
                    "the conversation no longer fits the context window: " + message));
            return new ProcessingResult(StopReason.CONTEXT_OVERFLOW, lastText, rounds, message, fault);
        }
        session.emit(new AgentEvent.Error(session.id(), session.now(), message, e.getClass().getSimpleName(), true));
        return new ProcessingResult(StopReason.ERROR, lastText, rounds, message, fault);
    }

    /**
     * One model call under the session's {@link ModelRetry}. Nothing of a failed attempt reaches the history (the
     * turn is appended only once a whole response is in), so a stream cut mid-answer is dropped and asked again.
     */
    private Response callWithRetry(SessionConfig config) {
        ModelRetry retry = session.modelRetry();
        for (int attempt = 0; ; attempt++) {
            try {
                return callModel(config);
            } catch (LlmException e) {
                Duration delay = session.aborted() ? null
                        : retry.delayBefore(attempt, e, ThreadLocalRandom.current().nextDouble());
                if (delay == null) {
                    throw e;
                }
                session.emit(new AgentEvent.Warning(session.id(), session.now(), "provider fault ("
                        + e.getClass().getSimpleName() + "): " + e.getMessage() + "; any partial answer is discarded;"
                        + " retry " + (attempt + 1) + " of " + retry.policy().maxRetries() + " in "
                        + delay.toMillis() + " ms"));
                if (!pause(delay)) {
                    throw e;
                }
            }
        }
    }

    /** Waits before a retry; false when the session was aborted meanwhile. */
    private boolean pause(Duration delay) {
        CancellationToken token = new CancellationToken();
        call = token;
        if (session.aborted()) {
            token.cancel();
        }
        CountDownLatch latch = new CountDownLatch(1);
        Runnable unregister = token.onCancel(latch::countDown);
        try {
            latch.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            unregister.run();
            call = null;
        }
        return !token.isCancelled() && !session.aborted();
    }

    private Response callModel(SessionConfig config) {
        ProviderProfile profile = session.profile();
        List<Message> messages = new ArrayList<>();
        messages.add(Message.system(session.systemPrompt()));
        synchronized (session.historyView()) {
            messages.addAll(HistoryConverter.toMessages(session.historyView()));
        }
        String effort = profile.supportsReasoning() ? config.reasoningEffort() : null;
        CancellationToken token = new CancellationToken();
        call = token;
        if (session.aborted()) {
            token.cancel();
        }
        Request request = Request.builder(profile.model()).messages(messages).provider(profile.id())
                .tools(profile.tools()).toolChoice(ToolChoice.AUTO)
                .reasoningEffort(effort)
                .providerOptions(profile.requestOptions(effort)).maxTokens(profile.maxOutputTokens(effort))
                .cancellation(token).build();
        try {
            if (!profile.supportsStreaming()) {
                Response response = session.client().complete(request);
                if (!response.text().isEmpty()) {
                    session.emit(new AgentEvent.AssistantTextStart(session.id(), session.now()));
                }
                return response;
            }
            return consume(session.client().stream(request));
        } finally {
            call = null;
        }
    }

    private Response consume(EventStream events) {
        stream = events;
        if (session.aborted()) {
            events.close();
        }
        boolean started = false;
        try (events) {
            while (events.hasNext()) {
                StreamEvent event = events.next();
                switch (event) {
                    case StreamEvent.TextStart s -> {
                        if (!started) {
                            started = true;
                            session.emit(new AgentEvent.AssistantTextStart(session.id(), session.now()));
                        }
                    }
                    case StreamEvent.TextDelta d -> session.emit(new AgentEvent.AssistantTextDelta(session.id(),
                            session.now(), d.delta()));
                    case StreamEvent.Finish f -> {
                        return f.response();
                    }
                    case StreamEvent.Error e -> throw e.error();
                    case StreamEvent.StreamStart s -> { }
                    case StreamEvent.TextEnd t -> { }
                    case StreamEvent.ReasoningStart r -> { }
                    case StreamEvent.ReasoningDelta r -> { }
                    case StreamEvent.ReasoningEnd r -> { }
                    case StreamEvent.ToolCallStart t -> { }
                    case StreamEvent.ToolCallDelta t -> { }
                    case StreamEvent.ToolCallEnd t -> { }
                    case StreamEvent.ProviderEvent p -> { }
                    case StreamEvent.StepFinish s -> { }
                }
            }
        } finally {
            stream = null;
        }
        throw new LlmException("the response stream ended without a finish event", true);
    }

    /** Cancels the LLM call in flight, if any (abort). */
    void cancelCall() {
        CancellationToken token = call;
        if (token != null) {
            token.cancel();
        }
        EventStream current = stream;
        if (current != null) {
            current.close();
        }
    }

    private void drainSteering() {
        for (String message = session.pollSteering(); message != null; message = session.pollSteering()) {
            session.append(new Turn.SteeringTurn(message, session.now()));
            session.emit(new AgentEvent.SteeringInjected(session.id(), session.now(), message));
        }
    }

    /** Turns counted for {@code max_turns}: user inputs and model responses across the session. */
    private int countTurns() {
        int n = 0;
        synchronized (session.historyView()) {
            for (Turn turn : session.historyView()) {
                if (turn instanceof Turn.UserTurn || turn instanceof Turn.AssistantTurn) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Coding-agent spec 5.5: a WARNING once per input when the history passes 80% of the window. */
    private boolean checkContext(boolean alreadyWarned) {
        if (alreadyWarned) {
            return true;
        }
        long chars = session.systemPrompt().length();
        synchronized (session.historyView()) {
            for (Turn turn : session.historyView()) {
                chars += turn.approximateChars();
            }
        }
        long tokens = chars / 4;
        int window = session.profile().contextWindowSize();
        if (tokens > window * CONTEXT_WARNING_RATIO) {
            session.emit(new AgentEvent.Warning(session.id(), session.now(), "Context usage at ~"
                    + Math.round(tokens * 100.0 / window) + "% of context window"));
            return true;
        }
        return false;
    }
}
