package io.nightshift.cli;

import io.nightshift.runtime.dev.OneShotAsk;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nightshift ask}: one completion from the configured provider, transient errors retried as the spec's
 * high-level API does ({@link OneShotAsk}, {@code Retry-After} honoured). Exit 0 on success, 1 when the call
 * fails, 2 when the setup is wrong (no key, unknown provider or model).
 */
@Command(name = "ask", mixinStandardHelpOptions = true, description = "Sends one prompt to an LLM and prints the answer.")
public class AskCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--provider", description = "anthropic, openai, gemini or openai_compatible (default: first configured).")
    String provider;

    @Option(names = "--model", description = "Model id or alias (default: the provider's best catalog model).")
    String model;

    @Option(names = "--stream", description = "Print the answer as it arrives.")
    boolean stream;

    @Option(names = "--system", description = "System prompt.")
    String system;

    @Option(names = "--verbose", description = "Print token usage to stderr.")
    boolean verbose;

    @Parameters(paramLabel = "PROMPT", arity = "1..*", description = "The prompt (words are joined by spaces).")
    String[] prompt;

    private final Map<String, String> environment;

    public AskCommand() {
        this(System.getenv());
    }

    AskCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OneShotAsk.Question question = new OneShotAsk.Question(provider, model, system, String.join(" ", prompt));
        try {
            OneShotAsk.Answer answer = new OneShotAsk(environment).ask(question, !stream ? null : delta -> {
                out.print(delta);
                out.flush();
            });
            out.println(stream ? "" : answer.text());
            out.flush();
            if (verbose && answer.usageLine() != null) {
                err.println(answer.usageLine());
                err.flush();
            }
            return 0;
        } catch (OneShotAsk.AskException e) {
            if (e.streamBroken()) {
                out.println();
            }
            err.println("error: " + e.getMessage());
            err.flush();
            return e.misconfigured() ? 2 : 1;
        }
    }
}
