package io.nightshift.runtime.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.harness.DisclosedJudgment;
import io.nightshift.event.EventEmitter;
import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.graph.Attributes;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.handler.StageContext;
import io.nightshift.pipeline.run.Json;
import io.nightshift.pipeline.state.Context;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.pipeline.state.StageStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness node type against a test double of the gateway (issue 8, feedback into the agents). */
class HarnessHandlerTest {

    @TempDir
    Path logs;

    private final List<PipelineEvent> events = new CopyOnWriteArrayList<>();
    private final EventEmitter emitter = factory -> events.add(factory.create("run-1", events.size() + 1,
            Instant.EPOCH));
    private final List<String> snapshots = new CopyOnWriteArrayList<>();

    private Judging judging(HarnessGateway gateway) {
        return new Judging(gateway, new Judging.Snapshots() {
            @Override
            public String snapshot(Context context, String subject) {
                snapshots.add(subject);
                return "c0ffee" + snapshots.size();
            }

            @Override
            public Path repository(Context context) {
                return logs.resolve("workspace");
            }
        }, "nightshift/sandbox-dev:current", Clock.fixed(Instant.parse("2026-11-24T06:00:00Z"), ZoneOffset.UTC));
    }

    private StageContext stage(Node node, Context context) throws Exception {
        Graph graph = new Graph("g", "", Attributes.EMPTY, List.of(node), List.of());
        Path dir = Files.createDirectories(logs.resolve(node.id()));
        return new StageContext(node, context, graph, logs, dir, "run-1", 1, "compact", node.id(), emitter, null, null,
                null, false, io.nightshift.pipeline.handler.RunSoFar.NONE);
    }

    private static Node judge(String... attrs) {
        Attributes a = Attributes.EMPTY.with("type", "harness").with("harness.suite", "greet");
        for (int i = 0; i < attrs.length; i += 2) {
            a = a.with(attrs[i], attrs[i + 1]);
        }
        return Node.of("judge", a);
    }

    @Test
    void succeedsAndSetsTheContextKeysWhenSatisfactionReachesTheThreshold() throws Exception {
        FakeGateway gateway = new FakeGateway(call -> true);

        Outcome outcome = new HarnessHandler(judging(gateway)).execute(stage(judge(), new Context()));

        assertThat(outcome.status()).isEqualTo(StageStatus.SUCCESS);
        assertThat(outcome.notes()).isEqualTo("suite greet: satisfaction 100.0% (2/2 trials), threshold 100.0%");
        assertThat(outcome.contextUpdates()).containsEntry("harness.satisfaction", 1.0)
                .containsEntry("harness.satisfied", true)
                .containsEntry("harness.feedback", FakeGateway.PASSING_FEEDBACK)
                .containsEntry("harness.suite", "greet");
    }

    @Test
    void failsBelowTheThresholdSoEdgesCanRouteOnIt() throws Exception {
        FakeGateway gateway = new FakeGateway(call -> false);

        Outcome outcome = new HarnessHandler(judging(gateway)).execute(stage(judge(), new Context()));

        assertThat(outcome.status()).isEqualTo(StageStatus.FAIL);
        assertThat(outcome.failureReason()).isEqualTo(
                "suite greet: satisfaction 0.0% (0/2 trials), threshold 100.0%: below the threshold");
        assertThat(outcome.contextUpdates()).containsEntry("harness.satisfaction", 0.0)
                .containsEntry("harness.satisfied", false)
                .containsEntry("harness.feedback", FakeGateway.FAILING_FEEDBACK);
    }

    @Test
    void nodeThresholdAndTrialsOverrideTheSuiteAndDecide() throws Exception {
        HarnessGateway half = (call, listener) -> new DisclosedJudgment(call.suite(), "v1", call.commit(),
                io.nightshift.harness.Disclosure.VERDICT, 2, 4, 0.5, 1.0, false, List.of(), "2 of 4 trials", 3);
        List<HarnessCall> calls = new CopyOnWriteArrayList<>();
        HarnessGateway recording = (call, listener) -> {
            calls.add(call);
            return half.judge(call, listener);
        };

        Outcome outcome = new HarnessHandler(judging(recording)).execute(stage(
                judge("harness.threshold", "0.5", "harness.trials", "4"), new Context()));

        assertThat(outcome.status()).as("0.5 >= the node's 0.5, although the suite wants 1.0")
                .isEqualTo(StageStatus.SUCCESS);
        HarnessCall call = calls.getFirst();
        assertThat(call.threshold()).isEqualTo(0.5);
        assertThat(call.trials()).isEqualTo(4);
        assertThat(call.suite()).isEqualTo("greet");
        assertThat(call.commit()).isEqualTo("c0ffee1");
        assertThat(call.runId()).isEqualTo("run-1");
        assertThat(call.nodeId()).isEqualTo("judge");
        assertThat(call.repository()).isEqualTo(logs.resolve("workspace"));
        assertThat(call.sandboxImage()).isEqualTo("nightshift/sandbox-dev:current");
        assertThat(snapshots).containsExactly("harness: judge against suite greet");
    }

    @Test
    void anEmptyJudgmentNeverPasses() throws Exception {
        HarnessGateway empty = (call, listener) -> new DisclosedJudgment(call.suite(), "v1", call.commit(),
                io.nightshift.harness.Disclosure.HINTS, 0, 0, 0, 0.0, false, List.of(), "", 1);

        Outcome outcome = new HarnessHandler(judging(empty)).execute(stage(judge("harness.threshold", "0"),
                new Context()));

        assertThat(outcome.status()).isEqualTo(StageStatus.FAIL);
    }

    @Test
    void emitsStartedScenarioAndCompletedWithDisclosedContentOnly() throws Exception {
        new HarnessHandler(judging(new FakeGateway(call -> false))).execute(stage(judge(), new Context()));

        assertThat(events).hasSize(3);
        PipelineEvent.HarnessStarted started = (PipelineEvent.HarnessStarted) events.get(0);
        assertThat(started.nodeId()).isEqualTo("judge");
        assertThat(started.suite()).isEqualTo("greet");
        assertThat(started.commit()).isEqualTo("c0ffee1");
        assertThat(started.scenarios()).isEqualTo(1);
        assertThat(started.trials()).isEqualTo(2);
        assertThat(started.round()).isZero();
        PipelineEvent.ScenarioJudged scenario = (PipelineEvent.ScenarioJudged) events.get(1);
        assertThat(scenario.title()).isEqualTo("Greets the user");
        assertThat(scenario.failedKind()).isEqualTo("expect_output");
        assertThat(scenario.observed()).isEqualTo("printed 'helo'");
        assertThat(scenario.expected()).as("hidden at the hints level").isNull();
        PipelineEvent.HarnessCompleted completed = (PipelineEvent.HarnessCompleted) events.get(2);
        assertThat(completed.satisfaction()).isEqualTo(0.0);
        assertThat(completed.reached()).isFalse();
        assertThat(completed.judgment()).isEqualTo(1);
        assertThat(completed.feedback()).isEqualTo(FakeGateway.FAILING_FEEDBACK);
        JsonNode json = Json.mapper().valueToTree(completed);
        assertThat(Json.mapper().writeValueAsString(completed)).startsWith("{\"type\":\"harness_completed\"");
        assertThat(json.path("satisfied_trials").asInt()).isZero();
        assertThat(Json.mapper().writeValueAsString(started)).contains("\"type\":\"harness_started\"");
        assertThat(Json.mapper().writeValueAsString(scenario)).contains("\"type\":\"scenario_judged\"");
    }

    @Test
    void aGatewayThatReportsNoProgressStillGetsAStartedEvent() throws Exception {
        HarnessGateway silent = (call, listener) -> new DisclosedJudgment(call.suite(), "v1", call.commit(),
                io.nightshift.harness.Disclosure.VERDICT, 3, 3, 1.0, 1.0, true, List.of(), "", 1);

        new HarnessHandler(judging(silent)).execute(stage(judge(), new Context()));

        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("HarnessStarted", "HarnessCompleted");
    }

    @Test
    void storesEveryJudgmentAsTheNextNumberedFile() throws Exception {
        HarnessHandler handler = new HarnessHandler(judging(FakeGateway.satisfiedFromCall(2)));
        handler.execute(stage(judge(), new Context()));
        handler.execute(stage(judge(), new Context()));

        JsonNode first = Json.mapper().readTree(logs.resolve("harness/1.json").toFile());
        JsonNode second = Json.mapper().readTree(logs.resolve("harness/2.json").toFile());
        assertThat(first.path("judgment").asInt()).isEqualTo(1);
        assertThat(first.path("node_id").asText()).isEqualTo("judge");
        assertThat(first.path("satisfaction").asDouble()).isEqualTo(0.0);
        assertThat(first.path("reached").asBoolean()).isFalse();
        assertThat(first.path("disclosure").asText()).isEqualTo("hints");
        assertThat(first.path("feedback").asText()).isEqualTo(FakeGateway.FAILING_FEEDBACK);
        assertThat(first.path("scenarios").get(0).path("failed_kind").asText()).isEqualTo("expect_output");
        assertThat(first.path("judged_at").asText()).isEqualTo("2026-11-24T06:00:00Z");
        assertThat(second.path("satisfaction").asDouble()).isEqualTo(1.0);
        assertThat(HarnessReport.lines(logs)).containsExactly("suite greet: satisfaction 100.0% (2/2 trials, "
                + "threshold 100.0%, reached) after 2 judgments: 0.0% -> 100.0%");
    }

    @Test
    void anUnavailableGatewayFailsWithAClearMessage() throws Exception {
        HarnessHandler handler = new HarnessHandler(judging(HarnessGateway.unavailable("no store here")));
        StageContext stage = stage(judge(), new Context());

        assertThatThrownBy(() -> handler.execute(stage)).isInstanceOf(HarnessUnavailableException.class)
                .hasMessage("holdout judging is not available: no store here");
        assertThat(logs.resolve("harness")).doesNotExist();
    }

    @Test
    void cancellingTheStageInterruptsTheGatewayAndCancelsItsToken() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        AtomicReference<HarnessCall> seen = new AtomicReference<>();
        CompletableFuture<Boolean> gatewayInterrupted = new CompletableFuture<>();
        HarnessGateway slow = (call, listener) -> {
            seen.set(call);
            inside.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                gatewayInterrupted.complete(true);
                throw e;
            }
            return null;
        };
        HarnessHandler handler = new HarnessHandler(judging(slow));
        StageContext stage = stage(judge(), new Context());
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Thread stageThread = Thread.ofPlatform().start(() -> {
            try {
                handler.execute(stage);
                thrown.complete(null);
            } catch (Throwable t) {
                thrown.complete(t);
            }
        });
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        stageThread.interrupt();

        assertThat(thrown.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(gatewayInterrupted.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get().cancellation().isCancelled()).isTrue();
    }

    @Test
    void settingsRejectANodeWithBadAttributes() {
        assertThatThrownBy(() -> HarnessSettings.of(judge("harness.threshold", "2")).orElseThrow())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node 'judge'")
                .hasMessageContaining("harness.threshold 2 is outside [0, 1]");
    }
}
