package io.nightshift.llm.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * An incremental server-sent-events parser (WHATWG HTML "event stream interpretation"; unified-llm-spec 7.7).
 * Bytes go in as arbitrary chunks; whole events come out.
 *
 * <pre>
 * stream  = [BOM] *line
 * line    = ( comment / field ) EOL      EOL = CRLF / CR / LF
 * comment = ":" *any                      ignored
 * field   = name [ ":" [" "] value ]      data (appended, joined by LF), event, id, retry (digits only)
 * a blank line dispatches the pending event when it has data; otherwise it only resets the event name
 * </pre>
 *
 * Lines are split on bytes, never inside characters, so a chunk boundary may fall anywhere: inside a
 * multi-byte UTF-8 character or between the CR and LF of one line end. An event pending when the input ends
 * without a final blank line is still dispatched by {@link #finish}. Not thread-safe.
 */
public final class SseReader {

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String eventName;
    private String lastId;
    private Long retry;
    private boolean lastWasCr;
    private boolean bomChecked;

    /** Parses {@code len} bytes from {@code buf}, handing each completed event to {@code sink}. */
    public void feed(byte[] buf, int off, int len, Consumer<SseEvent> sink) {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte b = buf[i];
            if (b == '\n' || b == '\r') {
                boolean skip = b == '\n' && lastWasCr && line.size() == 0 && i == start;
                line.write(buf, start, i - start);
                if (!skip) {
                    processLine(sink);
                }
                lastWasCr = b == '\r';
                start = i + 1;
            } else if (lastWasCr) {
                lastWasCr = false;
            }
        }
        if (start < end) {
            line.write(buf, start, end - start);
            lastWasCr = false;
        }
    }

    /** Signals the end of input: dispatches a last event that lacked its terminating blank line. */
    public void finish(Consumer<SseEvent> sink) {
        if (line.size() > 0) {
            processLine(sink);
        }
        dispatch(sink);
    }

    private void processLine(Consumer<SseEvent> sink) {
        byte[] bytes = line.toByteArray();
        line.reset();
        int from = 0;
        if (!bomChecked) {
            bomChecked = true;
            if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
                from = 3;
            }
        }
        String text = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            dispatch(sink);
            return;
        }
        if (text.charAt(0) == ':') {
            return;
        }
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        String value = "";
        if (colon >= 0) {
            value = text.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
        }
        switch (name) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "event" -> eventName = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
                    retry = Long.parseLong(value);
                }
            }
            default -> { }
        }
    }

    private void dispatch(Consumer<SseEvent> sink) {
        if (hasData) {
            sink.accept(new SseEvent(eventName == null || eventName.isEmpty() ? "message" : eventName,
                    data.toString(), lastId, retry));
        }
        data.setLength(0);
        hasData = false;
        eventName = null;
        retry = null;
    }
}
