package io.nightshift.runtime.dev;

import io.nightshift.runtime.RunDurations;
import io.nightshift.twin.Provider;
import io.nightshift.twin.TwinException;
import io.nightshift.twin.TwinOptions;
import io.nightshift.twin.TwinScript;
import io.nightshift.twin.TwinScriptException;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import io.nightshift.twin.Upstream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Starts the LLM twin for {@code nightshift twin} (docs/twin.md). */
public final class TwinService {

    /** The key clients present unless another is given. */
    public static final String DEFAULT_API_KEY = TwinOptions.DEFAULT_API_KEY;

    /**
     * The command's options as given: {@code script} or the upstream pair is required; {@code delay} is a duration
     * text ({@code 3s}, {@code 1500ms}) or null; {@code upstreamKeyEnv} null picks the provider's usual variable.
     */
    public record Settings(int port, Path script, Path record, String apiKey, String upstreamProvider, URI upstreamUrl,
            String upstreamKeyEnv, Path replayScript, String delay) {
    }

    /**
     * The twin cannot start as asked. {@code located}: the message already names the script file and line, so it is
     * shown as it is.
     */
    public static final class TwinSetupException extends RuntimeException {

        private final boolean located;

        TwinSetupException(String message, boolean located) {
            super(message);
            this.located = located;
        }

        public boolean located() {
            return located;
        }
    }

    /** Where a provider's requests are forwarded, and where record-and-replay writes the script it recorded. */
    public record Forwarding(String provider, String baseUrl, Path replayScript) {
    }

    /** A listening twin; {@link #close} stops it. */
    public static final class RunningTwin implements AutoCloseable {

        private final TwinServer server;
        private final Forwarding forwarding;

        private RunningTwin(TwinServer server, Forwarding forwarding) {
            this.server = server;
            this.forwarding = forwarding;
        }

        public String baseUrl() {
            return server.baseUrl();
        }

        /** The variables that point the providers' clients at this twin. */
        public Map<String, String> environment() {
            return server.environment();
        }

        public Optional<Forwarding> forwarding() {
            return Optional.ofNullable(forwarding);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private TwinService() {
    }

    /** Starts a twin with {@code settings}; {@code environment} holds the upstream key. */
    public static RunningTwin start(Settings settings, Function<String, String> environment) {
        TwinOptions options;
        TwinScript loaded;
        try {
            options = TwinOptions.defaults().withPort(settings.port()).withApiKey(settings.apiKey())
                    .withRecordFile(settings.record()).withUpstream(upstream(settings, environment))
                    .withDelayMs(delayMs(settings.delay()));
            if (settings.script() == null && options.upstream() == null) {
                throw new TwinSetupException("--script FILE is required (or --upstream-provider and --upstream-url)",
                        false);
            }
            loaded = settings.script() == null ? TwinScript.empty() : TwinScripts.load(settings.script());
        } catch (TwinScriptException e) {
            throw new TwinSetupException(e.getMessage(), true);
        } catch (TwinException | IllegalArgumentException e) {
            throw new TwinSetupException(e.getMessage(), false);
        }
        TwinServer server;
        try {
            server = TwinServer.start(loaded, options);
        } catch (TwinException e) {
            throw new TwinSetupException(e.getMessage(), false);
        }
        Upstream upstream = options.upstream();
        return new RunningTwin(server, upstream == null ? null : new Forwarding(upstream.provider().wireName(),
                String.valueOf(upstream.baseUrl()), upstream.scriptFile()));
    }

    private static long delayMs(String delay) {
        if (delay == null || delay.isBlank()) {
            return 0;
        }
        return RunDurations.parse(delay).map(Duration::toMillis)
                .orElseThrow(() -> new IllegalArgumentException("--delay " + delay
                        + " is not a duration; write e.g. 3s or 1500ms"));
    }

    private static Upstream upstream(Settings settings, Function<String, String> environment) {
        if (settings.upstreamProvider() == null && settings.upstreamUrl() == null) {
            return null;
        }
        if (settings.upstreamProvider() == null || settings.upstreamUrl() == null) {
            throw new IllegalArgumentException("--upstream-provider and --upstream-url go together");
        }
        Provider provider = Provider.fromName(settings.upstreamProvider());
        String variable = settings.upstreamKeyEnv() != null ? settings.upstreamKeyEnv() : switch (provider) {
            case ANTHROPIC -> "ANTHROPIC_API_KEY";
            case OPENAI, OPENAI_CHAT -> "OPENAI_API_KEY";
            case GEMINI -> "GEMINI_API_KEY";
        };
        String key = environment.apply(variable);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("the upstream key is missing: set " + variable
                    + " (or name another variable with --upstream-key-env)");
        }
        return new Upstream(provider, settings.upstreamUrl(), key, settings.replayScript());
    }
}
