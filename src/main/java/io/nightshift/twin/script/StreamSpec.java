package io.nightshift.twin.script;

/**
 * How a streamed answer is delivered. Every field is optional.
 *
 * @param chunkChars       split text, thinking and tool arguments into deltas of at most this many characters
 *                         (default: 16)
 * @param splitBytes       write the encoded stream in slices of this many bytes, cutting SSE frames (and UTF-8
 *                         sequences) anywhere; each slice is its own write and HTTP chunk
 * @param crlf             end SSE lines with CRLF instead of LF (Gemini's default is CRLF)
 * @param eventDelayMs     pause between events (or slices)
 * @param dropAfterEvents  close the TCP connection abruptly after this many events (at most all but the last)
 * @param errorAfterEvents send the provider's in-stream error event after this many events (at most all but the
 *                         last), then end
 * @param error            the in-stream error (defaults: Anthropic overloaded_error, others server_error)
 * @param ping             Anthropic only: send a {@code ping} event after {@code message_start} (default true)
 */
public record StreamSpec(Integer chunkChars, Integer splitBytes, Boolean crlf, Long eventDelayMs,
        Integer dropAfterEvents, Integer errorAfterEvents, ErrorSpec error, Boolean ping) {

    public StreamSpec {
        if (chunkChars != null && chunkChars < 1) {
            throw new IllegalArgumentException("chunk_chars must be at least 1");
        }
        if (splitBytes != null && splitBytes < 1) {
            throw new IllegalArgumentException("split_bytes must be at least 1");
        }
        if (dropAfterEvents != null && dropAfterEvents < 0 || errorAfterEvents != null && errorAfterEvents < 0) {
            throw new IllegalArgumentException("drop_after_events and error_after_events must not be negative");
        }
        if (eventDelayMs != null && eventDelayMs < 0) {
            throw new IllegalArgumentException("event_delay_ms must not be negative");
        }
    }

    public static StreamSpec defaults() {
        return new StreamSpec(null, null, null, null, null, null, null, null);
    }

    public int chunkCharsOrDefault() {
        return chunkChars == null ? 16 : chunkChars;
    }
}
