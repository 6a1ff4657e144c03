package io.nightshift.runtime.wiring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nightshift.runtime.PipelineLoader;
import io.nightshift.runtime.delivery.PullRequestOptions;
import io.nightshift.runtime.service.GitHubHookSettings;
import io.nightshift.runtime.service.GitHubWebhook;
import io.nightshift.runtime.service.GraphRenderer;
import io.nightshift.runtime.service.JobIntake;
import io.nightshift.runtime.service.JobRequest;
import io.nightshift.runtime.service.LocalSandboxRefusedException;
import io.nightshift.runtime.service.RunBounds;
import io.nightshift.runtime.service.RunRegistry;
import io.nightshift.runtime.service.RunState;
import io.nightshift.runtime.service.Schedule;
import io.nightshift.runtime.service.ScheduleRunner;
import io.nightshift.runtime.service.SubmissionGate;
import io.nightshift.runtime.service.TriggerStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    @Inject
    ScheduleConfig scheduleConfig;

    /** Runs go to {@code nightshift worker} processes through the broker instead of running here (issue 18). */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "nightshift.workers.enabled", defaultValue = "false")
    boolean workersEnabled;

    @Inject
    jakarta.enterprise.inject.Instance<WorkerDispatch> dispatch;

    private RunRegistry registry;
    private ScheduleRunner scheduleRunner;

    @Produces
    @ApplicationScoped
    RunRegistry registry() {
        // read before the registry takes the queue's lock: a bad schedule stops the service with its key named
        List<Schedule> schedules = schedules();
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
        if (!schedules.isEmpty()) {
            scheduleRunner = new ScheduleRunner(schedules, jobIntake(), submissionGate(), r, triggerStore(),
                    Clock.systemUTC());
            scheduleRunner.start(Duration.ofSeconds(Math.max(1, config.scheduleTickSeconds())));
        }
        return r;
    }

    private List<Schedule> schedules() {
        List<Schedule> out = new ArrayList<>();
        for (Map.Entry<String, ScheduleConfig.Entry> e : new TreeMap<>(scheduleConfig.all()).entrySet()) {
            ScheduleConfig.Entry c = e.getValue();
            String key = "nightshift.schedules." + e.getKey();
            if (!c.missed().equals("run-once") && !c.missed().equals("skip")) {
                throw new IllegalArgumentException(key + ".missed '" + c.missed() + "' is unknown; use run-once (the"
                        + " default) or skip");
            }
            if (!c.deliver().equals("branch") && !c.deliver().equals("pull_request")) {
                throw new IllegalArgumentException(key + ".deliver '" + c.deliver() + "' is unknown; use branch (the"
                        + " default) or pull_request");
            }
            RunBounds bounds;
            try {
                bounds = RunBounds.parse(c.maxTokens().orElse(null), c.maxCostUsd().orElse(null),
                        c.maxTime().orElse(null), null);
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException(key + ": " + ex.getMessage(), ex);
            }
            JobRequest job = new JobRequest(c.repository(), c.ref().orElse(null), c.goal(), c.pipeline(), null,
                    c.sandbox().orElse(null), c.model().orElse(null), c.simulate(), c.autoApprove(), Map.of(), false,
                    c.provider().orElse(null), c.deliver().equals("pull_request")
                            ? new PullRequestOptions(null, null, null) : null, bounds);
            out.add(new Schedule(e.getKey(), c.cron(), c.zone(), c.missed().equals("run-once"), c.owner(), job));
        }
        return out;
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
        if (scheduleRunner != null) {
            scheduleRunner.close();
        }
        if (registry != null) {
            registry.close();
        }
    }
}
