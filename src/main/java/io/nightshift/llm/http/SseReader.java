package io.nightshift.llm.http;

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

    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
    private static final byte[] ID = {'i', 'd'};
    private static final byte[] RETRY = {'r', 'e', 't', 'r', 'y'};

    private byte[] carry = new byte[256];
    private int carryLength;
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
            if (b != '\n' && b != '\r') {
                lastWasCr = false;
                continue;
            }
            boolean skip = b == '\n' && lastWasCr && i == start && carryLength == 0;
            if (!skip) {
                if (carryLength == 0) {
                    processLine(buf, start, i, sink);
                } else {
                    append(buf, start, i - start);
                    processLine(carry, 0, carryLength, sink);
                    carryLength = 0;
                }
            }
            lastWasCr = b == '\r';
            start = i + 1;
        }
        if (start < end) {
            append(buf, start, end - start);
        }
    }

    /** Signals the end of input: dispatches a last event that lacked its terminating blank line. */
    public void finish(Consumer<SseEvent> sink) {
        if (carryLength > 0) {
            processLine(carry, 0, carryLength, sink);
            carryLength = 0;
        }
        dispatch(sink);
    }

    private void append(byte[] buf, int off, int len) {
        if (carryLength + len > carry.length) {
            carry = java.util.Arrays.copyOf(carry, Math.max(carry.length * 2, carryLength + len));
        }
        System.arraycopy(buf, off, carry, carryLength, len);
        carryLength += len;
    }

    private void processLine(byte[] b, int from, int to, Consumer<SseEvent> sink) {
        if (!bomChecked) {
            bomChecked = true;
            if (to - from >= 3 && b[from] == (byte) 0xEF && b[from + 1] == (byte) 0xBB && b[from + 2] == (byte) 0xBF) {
                from += 3;
            }
        }
        if (from == to) {
            dispatch(sink);
            return;
        }
        if (b[from] == ':') {
            return;
        }
        int colon = from;
        while (colon < to && b[colon] != ':') {
            colon++;
        }
        int valueStart = colon < to ? colon + 1 : to;
        if (valueStart < to && b[valueStart] == ' ') {
            valueStart++;
        }
        if (is(b, from, colon, DATA)) {
            if (hasData) {
                data.append('\n');
            }
            data.append(new String(b, valueStart, to - valueStart, StandardCharsets.UTF_8));
            hasData = true;
        } else if (is(b, from, colon, EVENT)) {
            eventName = new String(b, valueStart, to - valueStart, StandardCharsets.UTF_8);
        } else if (is(b, from, colon, ID)) {
            String value = new String(b, valueStart, to - valueStart, StandardCharsets.UTF_8);
            if (value.indexOf('\0') < 0) {
                lastId = value;
            }
        } else if (is(b, from, colon, RETRY)) {
            String value = new String(b, valueStart, to - valueStart, StandardCharsets.US_ASCII);
            if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                retry = Long.parseLong(value);
            }
        }
    }

    private static boolean is(byte[] b, int from, int to, byte[] name) {
        if (to - from != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (b[from + i] != name[i]) {
                return false;
            }
        }
        return true;
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
