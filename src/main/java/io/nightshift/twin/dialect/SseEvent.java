package io.nightshift.twin.dialect;

/** One server-sent event: an optional {@code event:} name and one JSON {@code data:} line. */
public record SseEvent(String event, String data) {
}
