package io.nightshift.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.pipeline.handler.CodergenResult;
import io.nightshift.pipeline.run.Json;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.pipeline.state.StageStatus;
import io.nightshift.sandbox.LocalExecutionEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Engine behaviour as fixtures (STYLE 19): each {@code pipelines/engine/NNN_behaviour/} holds {@code pipeline.dot}
 * and {@code expected.json}. The fixture may script codergen outcomes per node ({@code script}: a list of statuses
 * or status objects, one per call), queue human answers ({@code answers}) and set context ({@code set}); its
 * {@code expected} block is compared as a whole with what the run produced (final status, completed nodes, the
 * stage/routing event trace without checkpoint events, selected context values).
 */
class EngineFixturesTest {

    private static final Path ROOT = Path.of("src/test/resources/pipelines/engine");

    @TempDir
    Path tmp;

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void runsFixtureAsExpected(Path fixture) throws Exception {
        JsonNode spec = Json.mapper().readTree(fixture.resolve("expected.json").toFile());
        ScriptedBackend backend = new ScriptedBackend();
        spec.path("script").fields().forEachRemaining(e -> e.getValue().forEach(step -> {
            Outcome o = outcomeOf(step);
            backend.on(e.getKey(), call -> CodergenResult.status(o));
        }));
        List<String> answers = new ArrayList<>();
        spec.path("answers").forEach(a -> answers.add(a.asText()));
        RecordingSink sink = new RecordingSink();
        RunConfig.Builder config = RunConfig.builder(tmp.resolve("run")).backend(backend)
                .interviewer(QueueInterviewer.keys(answers.toArray(String[]::new)))
                .sleeper(new RecordingSleeper()).sink(sink)
                .environment(new LocalExecutionEnvironment(tmp, Map.of("PATH", System.getenv("PATH"))));
        spec.path("set").fields().forEachRemaining(e -> config.set(e.getKey(), e.getValue().asText()));

        RunResult result = new PipelineEngine(config.build())
                .run(TestPipelines.prepare(Files.readString(fixture.resolve("pipeline.dot"))));

        JsonNode expected = spec.path("expected");
        Map<String, Object> actual = new LinkedHashMap<>();
        actual.put("status", result.status().wireName());
        List<String> completed = new ArrayList<>(result.completedNodes());
        // parallel branches run concurrently: the order in which they complete is not part of the contract, so a
        // fixture can list the nodes whose relative order it leaves open ({"any_order": [...]}); the test sorts
        // them in place (each keeps the slots the group holds) before comparing
        List<String> anyOrder = new ArrayList<>();
        spec.path("any_order").forEach(n -> anyOrder.add(n.asText()));
        if (!anyOrder.isEmpty()) {
            List<Integer> slots = new ArrayList<>();
            for (int i = 0; i < completed.size(); i++) {
                if (anyOrder.contains(completed.get(i))) {
                    slots.add(i);
                }
            }
            List<String> group = slots.stream().map(completed::get).sorted().toList();
            for (int i = 0; i < slots.size(); i++) {
                completed.set(slots.get(i), group.get(i));
            }
        }
        actual.put("completed_nodes", completed);
        if (expected.has("trace")) {
            actual.put("trace", sink.trace().stream().filter(t -> !t.startsWith("checkpoint_saved")).toList());
        }
        if (expected.has("context")) {
            Map<String, Object> ctx = new LinkedHashMap<>();
            expected.path("context").fieldNames().forEachRemaining(k -> ctx.put(k, result.context().get(k)));
            actual.put("context", ctx);
        }
        if (expected.has("failure_reason")) {
            actual.put("failure_reason", result.failureReason());
        }
        Object observed = Json.mapper().valueToTree(actual);
        assertThat(observed).as("observed %s", observed).isEqualTo(expected);
    }

    private static Outcome outcomeOf(JsonNode step) {
        if (step.isTextual()) {
            StageStatus status = StageStatus.fromWire(step.asText());
            return status == StageStatus.FAIL || status == StageStatus.RETRY
                    ? Outcome.of(status).withFailureReason("scripted " + status.wireName())
                    : Outcome.of(status);
        }
        List<String> next = new ArrayList<>();
        step.path("suggested_next_ids").forEach(n -> next.add(n.asText()));
        Map<String, Object> updates = new LinkedHashMap<>();
        step.path("context_updates").fields().forEachRemaining(e -> updates.put(e.getKey(), e.getValue().asText()));
        return new Outcome(StageStatus.fromWire(step.path("outcome").asText()), step.path("preferred_label").asText(""),
                next, updates, step.path("notes").asText(""), step.path("failure_reason").asText(""));
    }
}
