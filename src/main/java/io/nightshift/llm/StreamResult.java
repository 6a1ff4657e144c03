package io.nightshift.llm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A high-level stream (unified-llm-spec 4.4): events of every step in order. Between steps with executed tools
 * there is a {@link StreamEvent.StepFinish} in place of the step's finish event; the last step ends with
 * {@link StreamEvent.Finish} or {@link StreamEvent.Error}. Opening each step's stream is retried under the
 * retry policy; nothing is retried once a step has delivered data. Single consumer; {@link #close()} from any
 * thread.
 */
public final class StreamResult implements Iterator<StreamEvent>, Iterable<StreamEvent>, AutoCloseable {

    private final Client client;
    private final GenerateOptions options;
    private final List<Message> conversation;
    private final List<StepResult> steps = new ArrayList<>();
    private final ArrayDeque<StreamEvent> pending = new ArrayDeque<>();
    private final CancellationToken token;
    private StreamAccumulator partial = new StreamAccumulator();
    private EventStream current;
    private int round;
    private boolean done;
    private boolean delivered;
    private Response response;
    private LlmException error;

    StreamResult(Client client, GenerateOptions options, List<Message> conversation) {
        this.client = client;
        this.options = options;
        this.conversation = conversation;
        this.token = options.cancellation().child();
    }

    @Override
    public Iterator<StreamEvent> iterator() {
        return this;
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty() && !done) {
            try {
                advance();
            } catch (LlmException e) {
                if (!delivered) {
                    done = true;
                    throw e;
                }
                fail(e);
            }
        }
        return !pending.isEmpty();
    }

    private void advance() {
        if (current == null) {
            current = Retry.call(options.retryPolicy(), token,
                    () -> client.stream(Llm.request(options, conversation, token)));
            partial = new StreamAccumulator();
        }
        if (!current.hasNext()) {
            current = null;
            fail(new StreamException("the stream ended without a finish event"));
            return;
        }
        StreamEvent event = current.next();
        partial.process(event);
        switch (event) {
            case StreamEvent.Finish finish -> onFinish(finish);
            case StreamEvent.Error e -> fail(e.error());
            default -> pending.add(event);
        }
    }

    private void onFinish(StreamEvent.Finish finish) {
        current = null;
        Response r = finish.response();
        List<ToolCall> calls = r.toolCalls();
        boolean execute = !calls.isEmpty() && r.finishReason().reason() == FinishReason.Reason.TOOL_CALLS
                && round < options.maxToolRounds() && ToolRunner.allActiveOrUnknown(options.tools(), calls);
        List<ToolResult> results = execute
                ? ToolRunner.executeAll(options.tools(), calls, conversation, token, options.repair()) : List.of();
        StepResult step = StepResult.of(r, results);
        steps.add(step);
        if (!execute || (options.stopWhen() != null && options.stopWhen().test(List.copyOf(steps)))) {
            response = r;
            done = true;
            token.release();
            pending.add(finish);
            return;
        }
        Llm.appendRound(conversation, r, results);
        round++;
        pending.add(new StreamEvent.StepFinish(step));
    }

    private void fail(LlmException e) {
        error = e;
        done = true;
        token.release();
        if (current != null) {
            current.close();
            current = null;
        }
        pending.add(new StreamEvent.Error(e));
    }

    @Override
    public StreamEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        delivered = true;
        return pending.poll();
    }

    /** Consumes the rest of the stream and returns the final response; throws the stream's error if it failed. */
    public Response response() {
        while (hasNext()) {
            next();
        }
        if (error != null) {
            throw error;
        }
        return response;
    }

    /** Only the text deltas, consuming this stream. */
    public Iterator<String> textStream() {
        return new Iterator<>() {
            private String nextText;

            @Override
            public boolean hasNext() {
                while (nextText == null && StreamResult.this.hasNext()) {
                    if (StreamResult.this.next() instanceof StreamEvent.TextDelta d) {
                        nextText = d.delta();
                    }
                }
                return nextText != null;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String t = nextText;
                nextText = null;
                return t;
            }
        };
    }

    /** The current step's message as accumulated so far. */
    public Message partialMessage() {
        return partial.message();
    }

    /** The finished steps so far. */
    public List<StepResult> steps() {
        return List.copyOf(steps);
    }

    /** The whole result, after consuming the stream. */
    public GenerateResult result() {
        response();
        return GenerateResult.of(steps, null);
    }

    @Override
    public void close() {
        token.cancel(new AbortException("the stream was closed"));
        done = true;
        if (current != null) {
            current.close();
        }
    }
}
