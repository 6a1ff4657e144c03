package io.nightshift.cli;

import io.nightshift.runtime.delivery.ForgeTwins;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nightshift forge-twin}: serves the GitHub and GitLab twins and git smart HTTP until interrupted. */
@Command(name = "forge-twin", mixinStandardHelpOptions = true,
        description = "Serves the forge twins: GitHub's and GitLab's pull/merge request APIs and git over HTTP"
                + " for the bare repositories under --repos (docs/forge-twins.md).")
public class ForgeTwinCommand implements Callable<Integer> {

    @Option(names = "--repos", required = true, paramLabel = "DIR",
            description = "Directory of bare repositories, served as /<owner>/<name>.git.")
    Path repos;

    @Option(names = "--port", defaultValue = "0", description = "Port to listen on (0 = any free port).")
    int port;

    @Option(names = "--token", defaultValue = "forge-twin-token",
            description = "The token clients must present (default: ${DEFAULT-VALUE}).")
    String token;

    @Option(names = "--delay", converter = DurationOption.class, paramLabel = "DURATION",
            description = "Hold every API answer this long after acting on the request, as a slow forge: 3s, 1500ms"
                    + " (default: none).")
    java.time.Duration delay;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ForgeTwins.Running twin;
        try {
            twin = ForgeTwins.start(repos, "127.0.0.1", port, token,
                    delay == null ? java.time.Duration.ZERO : delay);
        } catch (RuntimeException e) {
            err.println("nightshift forge-twin: " + e.getMessage());
            return ExitCodes.UNUSABLE_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            closeQuietly(twin.stopper());
            stopped.countDown();
        }, "forge-twin-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("forge twin listening on " + twin.baseUrl() + " (github /api/v3, gitlab /api/v4, git /<owner>/"
                + "<name>.git)");
        for (Map.Entry<String, String> e : twin.environment().entrySet()) {
            out.println("export " + e.getKey() + "=" + e.getValue());
        }
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Runtime.getRuntime().removeShutdownHook(hook);
            closeQuietly(twin.stopper());
        }
        return 130;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }
}
