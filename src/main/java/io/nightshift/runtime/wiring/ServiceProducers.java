package io.nightshift.runtime.wiring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nightshift.runtime.PipelineLoader;
import io.nightshift.runtime.service.GraphRenderer;
import io.nightshift.runtime.service.JobIntake;
import io.nightshift.runtime.service.LocalSandboxRefusedException;
import io.nightshift.runtime.service.RunRegistry;
import io.nightshift.runtime.service.RunState;
import io.nightshift.runtime.service.SubmissionGate;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * Wires the run service for {@code nightshift serve}. The registry is created on first use (so CLI commands never
 * touch the runs directory) and lists the runs already on disk right away.
 */
@ApplicationScoped
public class ServiceProducers {

    @Inject
    ServerConfig config;

    @Inject
    EventChannel channel;

    @Inject
    MeterRegistry meters;

    /** Runs go to {@code nightshift worker} processes through the broker instead of running here (issue 18). */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "nightshift.workers.enabled", defaultValue = "false")
    boolean workersEnabled;

    @Inject
    jakarta.enterprise.inject.Instance<WorkerDispatch> dispatch;

    private RunRegistry registry;

    @Produces
    @ApplicationScoped
    RunRegistry registry() {
        RunRegistry r = new RunRegistry(Path.of(config.runsDir()), new PipelineLoader(), System.getenv(), channel,
                config.maxConcurrentRuns(), config.historyCapacity(),
                LocalSandboxRefusedException.allowed(config.allowLocalSandbox(),
                        new AccessPolicy(config.tokens(), "127.0.0.1").tokensConfigured()));
        if (workersEnabled) {
            BrokerQueue.declare(org.eclipse.microprofile.config.ConfigProvider.getConfig());
            r.dispatchTo(dispatch.get());
        }
        r.recover();
        for (RunState state : RunState.values()) {
            Gauge.builder("nightshift.runs", r, reg -> reg.list().stream().filter(x -> x.state() == state).count())
                    .description("Runs known to the service, by status").tag("status", state.wireName())
                    .register(meters);
        }
        Gauge.builder("nightshift.queue.depth", r, RunRegistry::queueDepth)
                .description("Runs accepted and waiting for a free worker").register(meters);
        Gauge.builder("nightshift.questions.pending", r,
                reg -> reg.list().stream().mapToInt(x -> x.questions().pending().size()).sum())
                .description("Human questions waiting for an answer").register(meters);
        registry = r;
        return r;
    }

    @Produces
    @ApplicationScoped
    GraphRenderer graphRenderer() {
        return new GraphRenderer(new PipelineLoader(), config.dotCommand());
    }

    @Produces
    @ApplicationScoped
    JobIntake jobIntake() {
        return new JobIntake(Path.of(config.pipelinesDir()));
    }

    @Produces
    @ApplicationScoped
    SubmissionGate submissionGate() {
        return new SubmissionGate(config.allowSimulate(), System.getenv(), new PipelineLoader());
    }

    @PreDestroy
    void stop() {
        if (registry != null) {
            registry.close();
        }
    }
}
