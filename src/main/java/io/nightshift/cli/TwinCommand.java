package io.nightshift.cli;

import io.nightshift.twin.Provider;
import io.nightshift.twin.TwinException;
import io.nightshift.pipeline.graph.Durations;
import io.nightshift.twin.TwinOptions;
import io.nightshift.twin.TwinScript;
import io.nightshift.twin.TwinScriptException;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import io.nightshift.twin.Upstream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nightshift twin}: serves the LLM twin until interrupted (docs/twin.md). */
@Command(name = "twin", mixinStandardHelpOptions = true,
        description = "Serves the LLM twin: Anthropic, OpenAI and Gemini wire formats playing a script.")
public class TwinCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "0", description = "Port to listen on (0 = any free port).")
    int port;

    @Option(names = "--script", description = "Script file (YAML or JSON).")
    Path script;

    @Option(names = "--record", description = "Append every request to this file as JSON lines.")
    Path record;

    @Option(names = "--api-key", defaultValue = TwinOptions.DEFAULT_API_KEY,
            description = "Key clients must present (default: ${DEFAULT-VALUE}).")
    String apiKey;

    @Option(names = "--upstream-provider", description = "Forward this provider's requests to a real API:"
            + " anthropic, openai, openai_chat or gemini.")
    String upstreamProvider;

    @Option(names = "--upstream-url", description = "Origin of the real API, e.g. https://api.anthropic.com.")
    URI upstreamUrl;

    @Option(names = "--upstream-key-env", description = "Environment variable holding the real API key"
            + " (default: ANTHROPIC_API_KEY, OPENAI_API_KEY or GEMINI_API_KEY).")
    String upstreamKeyEnv;

    @Option(names = "--replay-script", defaultValue = "twin-replay.json",
            description = "Where record-and-replay writes the recorded script (default: ${DEFAULT-VALUE}).")
    Path replayScript;

    @Option(names = "--delay", description = "Pause before every scripted reply without its own delay_ms, as a"
            + " model thinks: 3s, 1500ms (default: none; NIGHTSHIFT_TWIN_DELAY sets it for bin/demo).")
    String delay;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Function<String, String> environment = System::getenv;

    private long delayMs() {
        if (delay == null || delay.isBlank()) {
            return 0;
        }
        return Durations.parse(delay).map(Duration::toMillis)
                .orElseThrow(() -> new IllegalArgumentException("--delay " + delay
                        + " is not a duration; write e.g. 3s or 1500ms"));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TwinOptions options;
        TwinScript loaded;
        try {
            options = TwinOptions.defaults().withPort(port).withApiKey(apiKey).withRecordFile(record)
                    .withUpstream(upstream()).withDelayMs(delayMs());
            if (script == null && options.upstream() == null) {
                err.println("nightshift twin: --script FILE is required (or --upstream-provider and --upstream-url)");
                return 2;
            }
            loaded = script == null ? TwinScript.empty() : TwinScripts.load(script);
        } catch (TwinScriptException e) {
            err.println(e.getMessage());
            return 2;
        } catch (TwinException | IllegalArgumentException e) {
            err.println("nightshift twin: " + e.getMessage());
            return 2;
        }
        TwinServer twin;
        try {
            twin = TwinServer.start(loaded, options);
        } catch (TwinException e) {
            err.println("nightshift twin: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            twin.close();
            stopped.countDown();
        }, "twin-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("twin listening on " + twin.baseUrl() + " (anthropic, openai, gemini)");
        for (Map.Entry<String, String> e : twin.environment().entrySet()) {
            out.println("export " + e.getKey() + "=" + e.getValue());
        }
        if (options.upstream() != null) {
            out.println("forwarding " + options.upstream().provider().wireName() + " to " + options.upstream().baseUrl()
                    + "; replay script: " + options.upstream().scriptFile().toAbsolutePath());
        }
        if (record != null) {
            out.println("recording requests to " + record.toAbsolutePath());
        }
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Runtime.getRuntime().removeShutdownHook(hook);
            twin.close();
        }
        return 130;
    }

    private Upstream upstream() {
        if (upstreamProvider == null && upstreamUrl == null) {
            return null;
        }
        if (upstreamProvider == null || upstreamUrl == null) {
            throw new IllegalArgumentException("--upstream-provider and --upstream-url go together");
        }
        Provider provider = Provider.fromName(upstreamProvider);
        String variable = upstreamKeyEnv != null ? upstreamKeyEnv : switch (provider) {
            case ANTHROPIC -> "ANTHROPIC_API_KEY";
            case OPENAI, OPENAI_CHAT -> "OPENAI_API_KEY";
            case GEMINI -> "GEMINI_API_KEY";
        };
        String key = environment.apply(variable);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("the upstream key is missing: set " + variable
                    + " (or name another variable with --upstream-key-env)");
        }
        return new Upstream(provider, upstreamUrl, key, replayScript);
    }
}
