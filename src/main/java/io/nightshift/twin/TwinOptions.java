package io.nightshift.twin;

import java.nio.file.Path;

/**
 * How a {@link TwinServer} listens and records.
 *
 * @param host       interface to bind, {@code 127.0.0.1} by default
 * @param port       0 picks a free ephemeral port
 * @param apiKey     the key every provider must present (Anthropic {@code x-api-key}, OpenAI bearer token,
 *                   Gemini {@code x-goog-api-key} or {@code ?key=}); {@code null} accepts any non-blank key
 * @param recordFile when set, every request is appended to it as one JSON line
 * @param upstream   when set, requests of that provider are forwarded to a real API (record and replay)
 * @param delayMs    pause before every scripted reply that sets no {@code delay_ms} of its own: a model's
 *                   thinking time, so end-to-end paths also run at realistic latency
 */
public record TwinOptions(String host, int port, String apiKey, Path recordFile, Upstream upstream, long delayMs) {

    /** The key {@link #defaults()} accepts. */
    public static final String DEFAULT_API_KEY = "twin-key";

    public TwinOptions {
        if (host == null || host.isBlank()) {
            host = "127.0.0.1";
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (delayMs < 0) {
            throw new IllegalArgumentException("the reply delay must not be negative, got " + delayMs + " ms");
        }
    }

    public TwinOptions(String host, int port, String apiKey, Path recordFile, Upstream upstream) {
        this(host, port, apiKey, recordFile, upstream, 0);
    }

    /** Loopback, ephemeral port, key {@value #DEFAULT_API_KEY}, no recording, no upstream. */
    public static TwinOptions defaults() {
        return new TwinOptions("127.0.0.1", 0, DEFAULT_API_KEY, null, null);
    }

    public TwinOptions withPort(int newPort) {
        return new TwinOptions(host, newPort, apiKey, recordFile, upstream, delayMs);
    }

    public TwinOptions withApiKey(String newKey) {
        return new TwinOptions(host, port, newKey, recordFile, upstream, delayMs);
    }

    public TwinOptions withRecordFile(Path file) {
        return new TwinOptions(host, port, apiKey, file, upstream, delayMs);
    }

    public TwinOptions withUpstream(Upstream newUpstream) {
        return new TwinOptions(host, port, apiKey, recordFile, newUpstream, delayMs);
    }

    /** Every scripted reply without its own {@code delay_ms} waits {@code newDelayMs} before its first byte. */
    public TwinOptions withDelayMs(long newDelayMs) {
        return new TwinOptions(host, port, apiKey, recordFile, upstream, newDelayMs);
    }
}
