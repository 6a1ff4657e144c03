package io.nightshift.llm.http;

/**
 * One dispatched server-sent event. {@code event} is "message" when the stream named none; {@code id} is the
 * last event id seen so far (null if none); {@code retry} is the reconnection time in ms if this event set one.
 */
public record SseEvent(String event, String data, String id, Long retry) {
}
