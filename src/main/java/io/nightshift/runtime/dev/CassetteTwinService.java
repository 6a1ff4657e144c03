package io.nightshift.runtime.dev;

import io.nightshift.twin.cassette.Cassette;
import io.nightshift.twin.cassette.CassetteException;
import io.nightshift.twin.cassette.CassetteRecorder;
import io.nightshift.twin.cassette.CassetteReplay;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Records and replays cassette twins for {@code nightshift twin record} and {@code twin replay} (docs/twins.md). */
public final class CassetteTwinService {

    private CassetteTwinService() {
    }

    /** The twin cannot start as asked; the message says what and how to fix it. */
    public static final class SetupException extends RuntimeException {
        SetupException(String message) {
            super(message);
        }
    }

    /** A recording proxy on loopback; {@link #close} writes the cassette and stops it (idempotent). */
    public static final class Recording implements AutoCloseable {
        private final CassetteRecorder recorder;
        private final Path out;
        private final List<String> ignoreBodyFields;
        private final List<String> matchHeaders;
        private boolean closed;

        private Recording(CassetteRecorder recorder, Path out, List<String> ignoreBodyFields, List<String> matchHeaders) {
            this.recorder = recorder;
            this.out = out;
            this.ignoreBodyFields = ignoreBodyFields;
            this.matchHeaders = matchHeaders;
        }

        public String baseUrl() {
            return recorder.baseUrl();
        }

        public int recorded() {
            return recorder.recorded();
        }

        public Path cassette() {
            return out;
        }

        /** Writes what was recorded so far; the proxy keeps running. */
        public void save() {
            CassetteRecorder.save(recorder.cassette(ignoreBodyFields, matchHeaders), out);
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            recorder.close();
            save();
        }
    }

    /** A replay server on loopback; {@link #close} stops it. */
    public record Replaying(CassetteReplay replay, int exchanges) implements AutoCloseable {
        public String baseUrl() {
            return replay.baseUrl();
        }

        @Override
        public void close() {
            replay.close();
        }
    }

    /** @throws SetupException when the upstream is not an http(s) URL or the port is taken */
    public static Recording record(URI upstream, int port, Path out, List<String> ignoreBodyFields,
            List<String> matchHeaders) {
        try {
            CassetteRecorder recorder = CassetteRecorder.start(upstream, "127.0.0.1", port);
            Recording recording = new Recording(recorder, out, List.copyOf(ignoreBodyFields), List.copyOf(matchHeaders));
            try {
                recording.save();
            } catch (CassetteException e) {
                recorder.close();
                throw e;
            }
            return recording;
        } catch (CassetteException e) {
            throw new SetupException(e.getMessage());
        }
    }

    /** @throws SetupException when the cassette cannot be read or parsed, or the port is taken */
    public static Replaying replay(Path cassette, int port) {
        String text;
        try {
            text = Files.readString(cassette, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SetupException("cannot read the cassette " + cassette + ": " + e.getMessage());
        }
        try {
            Cassette parsed = Cassette.parse(text, cassette.toString());
            return new Replaying(CassetteReplay.start(parsed, "127.0.0.1", port), parsed.exchanges().size());
        } catch (CassetteException e) {
            throw new SetupException(e.getMessage());
        }
    }
}
