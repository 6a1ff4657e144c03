package io.nightshift.cli;

import io.nightshift.runtime.dev.ModelTable;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nightshift models}: the model catalog as a table. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Lists the known LLM models and their capabilities.")
public class ModelsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--provider", description = "Only this provider's models (anthropic, openai, gemini).")
    String provider;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        List<ModelTable.Row> models = ModelTable.rows(provider);
        String format = "%-10s %-24s %10s  %s%n";
        out.printf(format, "PROVIDER", "MODEL", "CONTEXT", "CAPABILITIES");
        for (ModelTable.Row m : models) {
            out.printf(format, m.provider(), m.id(), m.contextWindow(), String.join(",", m.capabilities()));
        }
        out.flush();
    }
}
