package io.nightshift.llm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A fake provider adapter that answers from a queue of scripted replies and records every request. */
final class ScriptedAdapter implements ProviderAdapter {

    private final String name;
    private final Deque<Function<Request, EventStream>> replies = new ArrayDeque<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    ScriptedAdapter(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    ScriptedAdapter text(String text) {
        replies.add(r -> EventStream.of(events(r, List.of(new ContentPart.Text(text)), FinishReason.Reason.STOP)));
        return this;
    }

    ScriptedAdapter calls(ToolCall... calls) {
        List<ContentPart> parts = new ArrayList<>();
        for (ToolCall c : calls) {
            parts.add(new ContentPart.ToolCallPart(c));
        }
        replies.add(r -> EventStream.of(events(r, parts, FinishReason.Reason.TOOL_CALLS)));
        return this;
    }

    ScriptedAdapter fail(LlmException e) {
        replies.add(r -> {
            throw e;
        });
        return this;
    }

    ScriptedAdapter reply(Function<Request, EventStream> reply) {
        replies.add(reply);
        return this;
    }

    private List<StreamEvent> events(Request request, List<ContentPart> parts, FinishReason.Reason reason) {
        List<StreamEvent> events = new ArrayList<>();
        events.add(new StreamEvent.StreamStart("r" + requests.size(), request.model(), List.of()));
        for (ContentPart p : parts) {
            if (p instanceof ContentPart.Text t) {
                events.add(new StreamEvent.TextStart("t"));
                events.add(new StreamEvent.TextDelta("t", t.text()));
                events.add(new StreamEvent.TextEnd("t", t.text()));
            } else if (p instanceof ContentPart.ToolCallPart c) {
                events.add(new StreamEvent.ToolCallStart(c.call().id(), c.call().name()));
                events.add(new StreamEvent.ToolCallDelta(c.call().id(), c.call().rawArguments()));
                events.add(new StreamEvent.ToolCallEnd(c.call()));
            }
        }
        Usage usage = Usage.of(10, 2);
        Response response = new Response("r" + requests.size(), request.model(), name,
                new Message(Role.ASSISTANT, parts), FinishReason.of(reason, reason.wireName()), usage, null, List.of(), null);
        events.add(new StreamEvent.Finish(response.finishReason(), usage, response));
        return events;
    }

    @Override
    public EventStream stream(Request request) {
        requests.add(request);
        Function<Request, EventStream> reply = replies.poll();
        if (reply == null) {
            throw new IllegalStateException("the scripted adapter has no reply left for request " + requests.size());
        }
        return reply.apply(request);
    }
}
