package io.nightshift.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * Entry point of the {@code nightshift} command. Only {@code serve} starts Quarkus with an HTTP port, and
 * {@code mcp} without one (its runtime serves MCP on stdio); every other command runs on picocli alone, with quiet
 * logging ({@link CliLogging}), so a CLI run never binds a port.
 */
@QuarkusMain
public class NightshiftMain implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    public static void main(String[] args) {
        String[] normalized = CliAliases.normalize(args);
        if (normalized.length > 0 && normalized[0].equals("mcp") && !asksForHelp(normalized)) {
            // stdout carries the MCP protocol alone: everything else (logs, stray prints) goes to stderr
            protocolOut = new java.io.FileOutputStream(java.io.FileDescriptor.out);
            System.setOut(System.err);
            System.setProperty("quarkus.log.console.stderr", "true");
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.banner.enabled", "false");
            Quarkus.run(NightshiftMain.class, normalized);
            return;
        }
        boolean worker = normalized.length > 0 && normalized[0].equals("worker") && !asksForHelp(normalized);
        if (normalized.length == 0 || !normalized[0].equals("serve") && !worker) {
            // Only serve uses the application's services (HTTP, messaging, metrics, injection); starting them cost
            // a short command most of its time (issue 21), so every other command runs without Quarkus.
            CliLogging.configure();
            System.exit(NightshiftCommand.commandLine(CommandLine.defaultFactory(), normalized).execute(normalized));
        }
        if (!brokerAddress()) {
            System.exit(ExitCodes.UNUSABLE_INPUT);
        }
        if (worker) {
            // a worker serves no HTTP: it consumes the broker's queue and talks to the service as a client
            workerOptions(normalized);
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("nightshift.worker.enabled", "true");
        } else {
            listenerOptions(normalized);
        }
        Quarkus.run(NightshiftMain.class, normalized);
    }

    /** NIGHTSHIFT_BROKER_URL as the RabbitMQ connector's settings (issue 18); false (said why) when unusable. */
    private static boolean brokerAddress() {
        String url = System.getenv(io.nightshift.runtime.worker.BrokerAddress.VARIABLE);
        if (url == null || url.isBlank()) {
            return true;
        }
        try {
            io.nightshift.runtime.worker.BrokerAddress.settings(url).forEach(System::setProperty);
            return true;
        } catch (IllegalArgumentException e) {
            System.err.println("nightshift: " + e.getMessage());
            return false;
        }
    }

    /** {@code worker --service URL --slots N ...}: the connector reads them as it starts, so set them here. */
    private static void workerOptions(String[] args) {
        String token = System.getenv("NIGHTSHIFT_TOKEN");
        if (token != null && !token.isBlank()) {
            System.setProperty("nightshift.worker.token", token.strip());
        }
        for (int i = 1; i < args.length; i++) {
            for (var option : WorkerCommand.OPTIONS.entrySet()) {
                if (args[i].equals(option.getKey()) && i + 1 < args.length) {
                    System.setProperty(option.getValue(), args[i + 1]);
                } else if (args[i].startsWith(option.getKey() + "=")) {
                    System.setProperty(option.getValue(), args[i].substring(option.getKey().length() + 1));
                }
            }
        }
    }

    private static java.io.OutputStream protocolOut = System.out;

    /** Where {@code nightshift mcp} writes the protocol: the process's real stdout. */
    static java.io.OutputStream protocolOut() {
        return protocolOut;
    }

    private static boolean asksForHelp(String[] args) {
        return java.util.Arrays.stream(args).anyMatch(a -> a.equals("-h") || a.equals("--help") || a.equals("-V")
                || a.equals("--version"));
    }

    /** {@code serve --host H --port P}: the HTTP listener is configured before Quarkus starts, so set them here. */
    private static void listenerOptions(String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--dispatch") && i + 1 < args.length || args[i].startsWith("--dispatch=")) {
                String value = args[i].startsWith("--dispatch=") ? args[i].substring(11) : args[i + 1];
                System.setProperty("nightshift.workers.enabled", String.valueOf(value.equals("rabbitmq")));
            }
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
