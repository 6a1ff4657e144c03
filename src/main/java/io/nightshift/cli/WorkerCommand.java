package io.nightshift.cli;

import io.nightshift.runtime.wiring.WorkConsumer;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nightshift worker} (issue 18): takes runs from the broker's durable queue, at most {@code --slots} at a
 * time, runs them on this machine and hands their results back to the service at {@code --service}, until Ctrl-C or
 * SIGTERM. The options are applied by {@link NightshiftMain} before Quarkus starts (the connector reads them when
 * it connects); this command checks them and says where it is consuming.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run the runs a service dispatches through RabbitMQ (NIGHTSHIFT_BROKER_URL).")
public class WorkerCommand implements Callable<Integer> {

    @Option(names = "--service", paramLabel = "URL", required = true,
            description = "The service's base URL, e.g. http://build-1:8080/ (events and results go there).")
    String service;

    @Option(names = "--slots", paramLabel = "N", defaultValue = "1",
            description = "Runs at once (the broker's prefetch); default 1.")
    int slots;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "nightshift-worker",
            description = "Where this worker keeps the directories of the runs it runs (default ./nightshift-worker).")
    String dir;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token for the service (default: NIGHTSHIFT_TOKEN); an admin token of the service.")
    String token;

    @Option(names = "--name", paramLabel = "NAME", description = "How the service names this worker (default host/pid).")
    String name;

    @Inject
    WorkConsumer consumer;

    /** The options as the settings {@link NightshiftMain} sets before the application starts. */
    static final java.util.Map<String, String> OPTIONS = java.util.Map.of("--service", "nightshift.worker.service-url",
            "--slots", "nightshift.worker.slots", "--dir", "nightshift.worker.dir", "--token",
            "nightshift.worker.token", "--name", "nightshift.worker.identity");

    @Override
    public Integer call() {
        if (slots < 1) {
            System.err.println("nightshift: --slots must be 1 or more (it is " + slots + ")");
            return ExitCodes.UNUSABLE_INPUT;
        }
        if (!service.startsWith("http://") && !service.startsWith("https://")) {
            System.err.println("nightshift: --service '" + service + "' is not an http(s) URL; give the service's"
                    + " base URL, e.g. http://127.0.0.1:8080/");
            return ExitCodes.UNUSABLE_INPUT;
        }
        String host = ConfigProvider.getConfig().getOptionalValue("rabbitmq-host", String.class).orElse("localhost");
        String port = ConfigProvider.getConfig().getOptionalValue("rabbitmq-port", String.class).orElse("5672");
        System.out.println("nightshift: worker " + consumer.worker().identity() + " taking runs from " + host + ":"
                + port + " with " + slots + " slot(s) for " + service + "; Ctrl-C to stop");
        System.out.flush();
        Quarkus.waitForExit();
        return ExitCodes.OK;
    }
}
