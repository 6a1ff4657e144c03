package io.nightshift.runtime.wiring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nightshift.runtime.PipelineLoader;
import io.nightshift.runtime.service.GitHubHookSettings;
import io.nightshift.runtime.service.GitHubWebhook;
import io.nightshift.runtime.service.GraphRenderer;
import io.nightshift.runtime.service.JobIntake;
import io.nightshift.runtime.service.LocalSandboxRefusedException;
import io.nightshift.runtime.service.RunRegistry;
import io.nightshift.runtime.service.RunState;
import io.nightshift.runtime.service.SubmissionGate;
import io.nightshift.runtime.service.TriggerStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

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

    @Inject
    GitHubHookConfig github;

    private RunRegistry registry;

    @Produces
    @ApplicationScoped
    RunRegistry registry() {
        RunRegistry r = new RunRegistry(Path.of(config.runsDir()), new PipelineLoader(), System.getenv(), channel,
                config.maxConcurrentRuns(), config.historyCapacity(),
                LocalSandboxRefusedException.allowed(config.allowLocalSandbox(),
                        new AccessPolicy(config.tokens(), "127.0.0.1").tokensConfigured()));
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

    @Produces
    @ApplicationScoped
    TriggerStore triggerStore() {
        return new TriggerStore(Path.of(config.runsDir()));
    }

    @Produces
    @ApplicationScoped
    GitHubWebhook gitHubWebhook(RunRegistry runs, JobIntake intake, SubmissionGate gate, TriggerStore store) {
        GitHubHookSettings settings = new GitHubHookSettings(github.secret().orElse(null), github.label(),
                github.pipeline(), github.deliver(), github.sandbox().orElse(null), github.model().orElse(null),
                github.provider().orElse(null), github.simulate(), github.autoApprove(), github.owner(),
                github.repositories().orElse(List.of()));
        return new GitHubWebhook(settings, intake, gate, runs, store, Clock.systemUTC());
    }

    @PreDestroy
    void stop() {
        if (registry != null) {
            registry.close();
        }
    }
}
