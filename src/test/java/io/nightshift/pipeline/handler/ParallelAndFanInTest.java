package io.nightshift.pipeline.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.pipeline.engine.PipelineEngine;
import io.nightshift.pipeline.engine.RecordingSink;
import io.nightshift.pipeline.engine.RunConfig;
import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.pipeline.engine.TestPipelines;
import io.nightshift.pipeline.run.Json;
import io.nightshift.pipeline.state.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attractor-spec 4.8, 4.9, 3.8 and DoD 11.6 (parallel and fan-in rows). */
class ParallelAndFanInTest {

    @TempDir
    Path tmp;

    private static String fanOut(String fanAttrs, int branches) {
        StringBuilder dot = new StringBuilder("digraph p {\n start [shape=Mdiamond]\n fan [shape=component " + fanAttrs
                + "]\n join [shape=tripleoctagon]\n done [shape=Msquare]\n start -> fan\n join -> done\n");
        for (int i = 1; i <= branches; i++) {
            dot.append(" b").append(i).append(" [type=probe]\n fan -> b").append(i).append("\n b").append(i)
                    .append(" -> join\n");
        }
        return dot.append("}\n").toString();
    }

    private RunResult run(String dot, Handler probe, RecordingSink sink) {
        return new PipelineEngine(RunConfig.builder(tmp.resolve("run")).sink(sink)
                .registryCustomizer(r -> r.register("probe", probe)).build())
                .run(TestPipelines.prepare(dot, "probe"));
    }

    @Test
    void runsAtMostMaxParallelBranchesAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        RunResult r = run(fanOut(", max_parallel=2", 5), stage -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(80);
            running.decrementAndGet();
            ran.incrementAndGet();
            return Outcome.success();
        }, new RecordingSink());

        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(ran).hasValue(5);
        assertThat(peak.get()).isBetween(1, 2);
        // the branches' stages are recorded too (issue 15), in the order they finished
        assertThat(r.completedNodes()).startsWith("start").endsWith("fan", "join", "done")
                .containsExactlyInAnyOrder("start", "b1", "b2", "b3", "b4", "b5", "fan", "join", "done");
    }

    @Test
    void branchesGetIsolatedContextsAndResultsAreRecordedAsJsonData() throws Exception {
        RecordingSink sink = new RecordingSink();
        RunResult r = run(fanOut("", 3), stage -> {
            stage.context().set("branch.mark", stage.node().id());
            return stage.node().id().equals("b2") ? Outcome.fail("b2 broke") : Outcome.success()
                    .withContextUpdates(Map.of("score", stage.node().id().equals("b3") ? 9 : 1));
        }, sink);

        assertThat(r.context()).doesNotContainKey("branch.mark").doesNotContainKey("score");
        assertThat(r.context()).containsEntry("parallel.fan_in.best_id", "b3")
                .containsEntry("parallel.fan_in.best_outcome", "success");
        assertThat(r.nodeOutcomes()).containsEntry("fan", "partial_success").containsEntry("join", "success");
        JsonNode results = Json.mapper().readTree(tmp.resolve("run/checkpoint.json").toFile())
                .path("context").path("parallel.results");
        assertThat(results.size()).isEqualTo(3);
        assertThat(results.get(1).path("id").asText()).isEqualTo("b2");
        assertThat(results.get(1).path("outcome").asText()).isEqualTo("fail");
        assertThat(results.get(1).path("failure_reason").asText()).isEqualTo("b2 broke");
        assertThat(results.get(2).path("score").asDouble()).isEqualTo(9.0);
        assertThat(sink.trace()).contains("parallel_started:fan:3", "parallel_branch_started:b1",
                "parallel_branch_completed:b2:fail", "parallel_completed:fan");
        assertThat(sink.trace().indexOf("parallel_completed:fan"))
                .isGreaterThan(sink.trace().lastIndexOf("parallel_branch_completed:b1"));
    }

    @Test
    void firstSuccessCancelsTheSlowBranches() throws Exception {
        java.util.concurrent.CountDownLatch slowStarted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch cancelled = new java.util.concurrent.CountDownLatch(1);
        RunResult r = run(fanOut(", join_policy=first_success", 2), stage -> {
            if (stage.node().id().equals("b2")) {
                slowStarted.countDown();
                try {
                    Thread.sleep(300_000);
                } catch (InterruptedException e) {
                    cancelled.countDown();
                    throw e;
                }
            } else {
                slowStarted.await(); // the fast branch wins while the slow one is running
            }
            return Outcome.success();
        }, new RecordingSink());

        assertThat(cancelled.await(60, java.util.concurrent.TimeUnit.SECONDS))
                .as("the slow branch was interrupted, not waited for").isTrue();
        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) r.context().get("parallel.results");
        assertThat(results).extracting(m -> m.get("outcome")).containsExactly("success", "skipped");
    }

    @Test
    void fanInFailsOnlyWhenEveryBranchFailed() {
        RunResult r = run(fanOut("", 2), stage -> Outcome.fail(stage.node().id() + " down"), new RecordingSink());
        assertThat(r.status()).as("%s %s %s", r.completedNodes(), r.nodeOutcomes(), r.context().get("parallel.results")).isEqualTo(RunStatus.FAIL);
        assertThat(r.failedNode()).isEqualTo("join");
        assertThat(r.failureReason()).startsWith("all 2 parallel branches failed").contains("b1 (b1 down)");
    }

    @Test
    void branchesMayHaveSeveralStagesBeforeTheJoin() {
        String dot = """
                digraph p {
                    start [shape=Mdiamond]
                    fan [shape=component]
                    a1 [prompt="A1"]
                    a2 [prompt="A2"]
                    b1 [prompt="B1"]
                    join [shape=tripleoctagon]
                    done [shape=Msquare]
                    start -> fan
                    fan -> a1 -> a2 -> join
                    fan -> b1 -> join
                    join -> done
                }
                """;
        RunResult r = new PipelineEngine(RunConfig.builder(tmp.resolve("run")).build()).run(TestPipelines.prepare(dot));
        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) r.context().get("parallel.results");
        assertThat(results).extracting(m -> m.get("completed_nodes"))
                .containsExactly(List.of("a1", "a2"), List.of("b1"));
        assertThat(tmp.resolve("run/a2/status.json")).exists();
    }

    @Test
    void heuristicRanksByStatusThenScoreThenId() throws Exception {
        FanInHandler fanIn = new FanInHandler(null);
        var context = new io.nightshift.pipeline.state.Context(Map.of("parallel.results", List.of(
                Map.of("id", "c", "outcome", "partial_success", "score", 99),
                Map.of("id", "b", "outcome", "success", "score", 1),
                Map.of("id", "a", "outcome", "success", "score", 1),
                Map.of("id", "d", "outcome", "success", "score", 5))));
        Outcome best = fanIn.execute(stageFor(context, ""));
        assertThat(best.contextUpdates()).containsEntry("parallel.fan_in.best_id", "d");

        FanInHandler ranked = new FanInHandler((stage, prompt, candidates) -> new LlmRanker.Choice("c", "ranked"));
        assertThat(ranked.execute(stageFor(context, "Pick the most complete")).contextUpdates())
                .containsEntry("parallel.fan_in.best_id", "c")
                .containsEntry("parallel.fan_in.best_outcome", "partial_success");
    }

    private StageContext stageFor(io.nightshift.pipeline.state.Context context, String prompt) {
        var node = io.nightshift.pipeline.graph.Node.of("join",
                io.nightshift.pipeline.graph.Attributes.EMPTY.with("prompt", prompt));
        var graph = new io.nightshift.pipeline.graph.Graph("g", "", io.nightshift.pipeline.graph.Attributes.EMPTY,
                List.of(node), List.of());
        return new StageContext(node, context, graph, tmp, tmp.resolve("join"), "r", 1, "compact", "join",
                io.nightshift.event.EventEmitter.NONE, null, null, null, false, RunSoFar.NONE);
    }

    /** The branches answer differently; the fan-in's model call sees their answers and names the second. */
    private static final String RANKED = """
            digraph p {
                start [shape=Mdiamond]
                fan [shape=component]
                b1 [prompt="Draft one"]
                b2 [prompt="Draft two"]
                join [shape=tripleoctagon, prompt="Pick the draft that handles empty input"]
                done [shape=Msquare]
                start -> fan
                fan -> b1 -> join
                fan -> b2 -> join
                join -> done
            }
            """;

    @Test
    void aFanInWithAPromptAsksTheModelWhichBranchIsBestShowingItTheirAnswers() {
        List<String> fanInPrompts = new java.util.concurrent.CopyOnWriteArrayList<>();
        CodergenBackend model = call -> {
            if (call.node().id().equals("join")) {
                fanInPrompts.add(call.prompt());
                return CodergenResult.text("b1 ignores empty input; b2 checks it.\nbest: b2");
            }
            return CodergenResult.text(call.node().id().equals("b1") ? "draft without a check"
                    : "draft that checks for empty input");
        };
        RunResult r = new PipelineEngine(RunConfig.builder(tmp.resolve("run")).backend(model).build())
                .run(TestPipelines.prepare(RANKED));

        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
        // by outcome, score and id the heuristic would pick b1: the model's answer decides
        assertThat(r.context().get("parallel.fan_in.best_id")).isEqualTo("b2");
        assertThat(r.context().get("parallel.fan_in.ranked_by")).isEqualTo("llm");
        assertThat(fanInPrompts).singleElement().satisfies(p -> assertThat(p)
                .startsWith("Pick the draft that handles empty input")
                .contains("## b1", "draft without a check", "## b2", "draft that checks for empty input",
                        "best: <id>"));
        assertThat(tmp.resolve("run/join/prompt.md")).content().contains("## b2");
        assertThat(tmp.resolve("run/join/response.md")).content().contains("best: b2");
    }

    @Test
    void aModelAnswerNamingNoCandidateLeavesTheChoiceToTheHeuristicAndSaysSo() {
        CodergenBackend model = call -> CodergenResult.text(call.node().id().equals("join")
                ? "Both drafts look fine to me." : "a draft");
        RunResult r = new PipelineEngine(RunConfig.builder(tmp.resolve("run")).backend(model).build())
                .run(TestPipelines.prepare(RANKED));

        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(r.context().get("parallel.fan_in.best_id")).isEqualTo("b1");
        assertThat(r.context().get("parallel.fan_in.ranked_by")).isEqualTo("heuristic");
        assertThat(tmp.resolve("run/join/status.json")).content().contains("the model's answer names no candidate");
    }

    @Test
    void readsTheBestLineElseTheOnlyCandidateNamed() {
        List<String> ids = List.of("fast", "fast_safe", "slow");
        assertThat(BackendRanker.chosen("I would go with fast_safe.", ids).id()).isEqualTo("fast_safe");
        assertThat(BackendRanker.chosen("fast is quick, slow is careful.\n**Best:** `slow`", ids).id())
                .isEqualTo("slow");
        assertThat(BackendRanker.chosen("fast or slow, hard to say", ids).id()).isEmpty();
        assertThat(BackendRanker.chosen("best: medium", ids).note()).contains("names no candidate");
    }
}
