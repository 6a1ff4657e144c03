package io.nightshift.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * Entry point of the {@code nightshift} command. Only {@code serve} starts Quarkus (and opens an HTTP port); every
 * other command runs on picocli alone, with quiet logging ({@link CliLogging}), so a CLI run never binds a port.
 */
@QuarkusMain
public class NightshiftMain implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    public static void main(String[] args) {
        String[] normalized = CliAliases.normalize(args);
        if (normalized.length == 0 || !normalized[0].equals("serve")) {
            // Only serve uses the application's services (HTTP, messaging, metrics, injection); starting them cost
            // a short command most of its time (issue 21), so every other command runs without Quarkus.
            CliLogging.configure();
            System.exit(NightshiftCommand.commandLine(CommandLine.defaultFactory(), normalized).execute(normalized));
        }
        listenerOptions(normalized);
        Quarkus.run(NightshiftMain.class, normalized);
    }

    /** {@code serve --host H --port P}: the HTTP listener is configured before Quarkus starts, so set them here. */
    private static void listenerOptions(String[] args) {
        for (int i = 1; i < args.length; i++) {
            for (String option : new String[] {"--host", "--port"}) {
                String property = "quarkus.http." + option.substring(2);
                if (args[i].equals(option) && i + 1 < args.length) {
                    System.setProperty(property, args[i + 1]);
                } else if (args[i].startsWith(option + "=")) {
                    System.setProperty(property, args[i].substring(option.length() + 1));
                }
            }
        }
    }

    @Override
    public int run(String... args) {
        return NightshiftCommand.commandLine(factory).execute(args);
    }
}
