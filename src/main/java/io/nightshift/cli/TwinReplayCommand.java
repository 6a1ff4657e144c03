package io.nightshift.cli;

import io.nightshift.runtime.dev.CassetteTwinService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nightshift twin replay}: serves a cassette until interrupted (docs/twins.md). */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Serves a cassette on loopback: recorded requests get their recorded answers, anything else a"
                + " 501 naming the request.")
public class TwinReplayCommand implements Callable<Integer> {

    @Option(names = "--cassette", required = true, paramLabel = "FILE", description = "The cassette to replay.")
    Path cassette;

    @Option(names = "--port", defaultValue = "0", description = "Port to listen on (0 = any free port).")
    int port;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CassetteTwinService.Replaying replay;
        try {
            replay = CassetteTwinService.replay(cassette, port);
        } catch (CassetteTwinService.SetupException e) {
            spec.commandLine().getErr().println("nightshift twin replay: " + e.getMessage());
            return ExitCodes.UNUSABLE_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            replay.close();
            stopped.countDown();
        }, "twin-replay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("cassette twin listening on " + replay.baseUrl() + " (" + replay.exchanges() + " exchange(s) from "
                + cassette + "; control paths under " + replay.baseUrl() + "/__twin/)");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Runtime.getRuntime().removeShutdownHook(hook);
            replay.close();
        }
        return 130;
    }
}
