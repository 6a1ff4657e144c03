package io.nightshift.cli;

import io.nightshift.runtime.service.RunRegistry;
import io.nightshift.runtime.wiring.AccessPolicy;
import io.nightshift.runtime.wiring.ServerConfig;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nightshift serve}: the HTTP service (attractor-spec 9.5 server mode, job hand-off, web page) until Ctrl-C.
 * {@code --host} and {@code --port} are applied by {@link NightshiftMain} before Quarkus starts; this command
 * checks that a non-loopback bind has tokens, lists the runs already on disk and prints the URL.
 */
@Command(name = "serve", description = "Serve the HTTP API and web page (default http://127.0.0.1:8080/).",
        mixinStandardHelpOptions = true)
public class ServeCommand implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on (default 127.0.0.1; any other needs nightshift.server.tokens).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default 8080).")
    Integer port;

    @Option(names = "--dispatch", paramLabel = "local|rabbitmq",
            description = "Where runs execute: in this process (local, the default) or on nightshift worker processes"
                    + " through RabbitMQ (NIGHTSHIFT_BROKER_URL); same as nightshift.workers.enabled.")
    String dispatch;

    @Inject
    ServerConfig config;

    @Inject
    RunRegistry registry;

    @Override
    public Integer call() {
        String boundHost = ConfigProvider.getConfig().getOptionalValue("quarkus.http.host", String.class)
                .orElse("127.0.0.1");
        int boundPort = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        AccessPolicy policy = new AccessPolicy(config.tokens(), boundHost);
        if (policy.refuses()) {
            System.err.println("nightshift: refusing to serve on " + boundHost + " without a bearer token: anyone who "
                    + "can reach this address could run pipelines. Set NIGHTSHIFT_TOKENS (or nightshift.server.tokens),"
                    + " or bind to 127.0.0.1");
            return ExitCodes.UNUSABLE_INPUT;
        }
        if (dispatch != null && !dispatch.equals("local") && !dispatch.equals("rabbitmq")) {
            System.err.println("nightshift: --dispatch '" + dispatch + "' is unknown; use local or rabbitmq");
            return ExitCodes.UNUSABLE_INPUT;
        }
        int runs = registry.list().size();
        String shown = boundHost.contains(":") ? "[" + boundHost + "]" : boundHost;
        System.out.println("nightshift: serving on http://" + shown + ":" + boundPort + "/ (runs in "
                + registry.runsDir() + ", " + runs + " known"
                + (registry.dispatching() ? ", executed by workers through RabbitMQ" : "") + (policy.tokensConfigured() ? ", bearer tokens required"
                : "") + "); Ctrl-C to stop");
        System.out.flush();
        Quarkus.waitForExit();
        return ExitCodes.OK;
    }
}
