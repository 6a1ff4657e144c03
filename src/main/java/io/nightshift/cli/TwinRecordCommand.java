package io.nightshift.cli;

import io.nightshift.runtime.dev.CassetteTwinService;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nightshift twin record}: a recording proxy that writes a cassette when stopped (docs/twins.md). */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Records HTTP traffic to a real service through a proxy on loopback, and writes the exchanges"
                + " as a cassette when stopped (Ctrl-C or SIGTERM). Credentials and volatile headers are not written.")
public class TwinRecordCommand implements Callable<Integer> {

    @Option(names = "--upstream", required = true, paramLabel = "URL",
            description = "Origin of the real service, e.g. https://api.example.com.")
    URI upstream;

    @Option(names = {"--out", "--cassette"}, required = true, paramLabel = "FILE",
            description = "The cassette to write (JSON).")
    Path out;

    @Option(names = "--port", defaultValue = "0", description = "Port to listen on (0 = any free port).")
    int port;

    @Option(names = "--ignore-body-field", paramLabel = "NAME",
            description = "A JSON body field replay leaves out when it compares requests (repeatable), e.g. an"
                    + " idempotency key or a timestamp.")
    List<String> ignoreBodyFields = new ArrayList<>();

    @Option(names = "--match-header", paramLabel = "NAME",
            description = "A request header replay compares (repeatable; by default no header is compared).")
    List<String> matchHeaders = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CassetteTwinService.Recording recording;
        try {
            recording = CassetteTwinService.record(upstream, port, this.out, ignoreBodyFields, matchHeaders);
        } catch (CassetteTwinService.SetupException e) {
            spec.commandLine().getErr().println("nightshift twin record: " + e.getMessage());
            return ExitCodes.UNUSABLE_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            recording.close();
            stopped.countDown();
        }, "twin-record-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("recording " + upstream + " through " + recording.baseUrl() + " into "
                + recording.cassette().toAbsolutePath() + " (stop with Ctrl-C to write it)");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Runtime.getRuntime().removeShutdownHook(hook);
            recording.close();
        }
        out.println("wrote " + recording.recorded() + " exchange(s) to " + recording.cassette().toAbsolutePath());
        out.flush();
        return 130;
    }
}
