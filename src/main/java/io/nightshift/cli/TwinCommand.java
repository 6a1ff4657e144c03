package io.nightshift.cli;

import io.nightshift.runtime.dev.TwinService;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nightshift twin}: serves the LLM twin until interrupted (docs/twin.md); its subcommands are cassette twins. */
@Command(name = "twin", mixinStandardHelpOptions = true,
        description = "Serves the LLM twin: Anthropic, OpenAI and Gemini wire formats playing a script."
                + " 'twin record' and 'twin replay' record and replay cassette twins of other services (docs/twins.md).",
        subcommands = {TwinRecordCommand.class, TwinReplayCommand.class})
public class TwinCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "0", description = "Port to listen on (0 = any free port).")
    int port;

    @Option(names = "--script", description = "Script file (YAML or JSON).")
    Path script;

    @Option(names = "--record", description = "Append every request to this file as JSON lines.")
    Path record;

    @Option(names = "--api-key", defaultValue = TwinService.DEFAULT_API_KEY,
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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TwinService.RunningTwin twin;
        try {
            twin = TwinService.start(new TwinService.Settings(port, script, record, apiKey, upstreamProvider,
                    upstreamUrl, upstreamKeyEnv, replayScript, delay), environment);
        } catch (TwinService.TwinSetupException e) {
            err.println(e.located() ? e.getMessage() : "nightshift twin: " + e.getMessage());
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
        twin.forwarding().ifPresent(f -> out.println("forwarding " + f.provider() + " to " + f.baseUrl()
                + "; replay script: " + f.replayScript().toAbsolutePath()));
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
}
