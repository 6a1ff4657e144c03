package io.nightshift.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a job (and a pipeline) carries its own bounds, {@code max_tokens}, {@code max_cost_usd},
 * {@code max_time} and {@code stall_timeout}: bad values are refused with the field's name, the status shows them,
 * and a run that reaches one ends {@code budget_exhausted} or {@code stalled}.
 */
@QuarkusTest
@TestProfile(LocalSandboxTestProfile.class)
class JobBoundsTest {

    @TestHTTPResource("/")
    URL root;

    @TempDir
    Path repo;

    private Http http() {
        return new Http(root.toString(), LocalSandboxTestProfile.TOKEN);
    }

    @BeforeEach
    void makeTheRepositoryAGitRepository() throws Exception {
        Files.writeString(repo.resolve("README.md"), "a job's repository\n");
        for (String[] args : new String[][] {{"init", "-q", "-b", "main"}, {"add", "-A"},
                {"-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "initial"}}) {
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git", "-C", repo.toString()));
            command.addAll(java.util.List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(out).isZero();
        }
    }

    private Map<String, Object> job(String dot, Map<String, Object> bounds) {
        Map<String, Object> body = new HashMap<>(Map.of("repository", Map.of("path", repo.toString()),
                "goal", "bounded", "dot", dot, "sandbox", "local"));
        body.putAll(bounds);
        return body;
    }

    private static String twoStages(String first) {
        return """
                digraph bounded {
                    start [shape=Mdiamond]
                    exit  [shape=Msquare]
                    first  [shape=parallelogram, tool_command="%s"]
                    second [shape=parallelogram, tool_command="echo second > second.txt"]
                    start -> first -> second -> exit
                }
                """.formatted(first);
    }

    @Test
    void badBoundsAreRefusedNamingTheFieldAndWhatToWrite() {
        record Case(String field, Object value, String says) {
        }
        for (Case c : new Case[] {new Case("max_tokens", "lots", "whole number of tokens"),
                new Case("max_tokens", -5, "whole number of tokens"), new Case("max_tokens", 1.5, "whole number"),
                new Case("max_cost_usd", "five dollars", "number of US dollars"),
                new Case("max_cost_usd", -1, "number of US dollars"), new Case("max_time", "soon", "e.g. 90s"),
                new Case("stall_timeout", "-3m", "e.g. 90s"), new Case("max_time", Map.of("m", 5), "give a number"),
                new Case("max_tokens", true, "give a number")}) {
            Http.Reply reply = http().postJson("/jobs", job(twoStages("true"), Map.of(c.field(), c.value())));
            assertThat(reply.status()).as(c + ": " + reply.body()).isEqualTo(400);
            assertThat(reply.json().path("error").asText()).as(c.toString()).contains("\"" + c.field() + "\"",
                    c.says());

            Http.Reply pipeline = http().postJson("/pipelines", Map.of("dot", twoStages("true"), c.field(),
                    c.value()));
            assertThat(pipeline.status()).as(c + ": " + pipeline.body()).isEqualTo(400);
            assertThat(pipeline.json().path("error").asText()).contains("\"" + c.field() + "\"");
        }
    }

    @Test
    void aJobThatReachesItsTimeBudgetEndsBudgetExhaustedShowsItsBudgetAndSpendAndResumesWithALargerOne() {
        Http.Reply created = http().postJson("/jobs", job(twoStages("sleep 2"), Map.of("max_tokens", 200000,
                "max_cost_usd", "2.5", "max_time", "1s", "stall_timeout", "10m")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();

        JsonNode job = http().awaitJson("/jobs/" + id, j -> j.path("run").path("finished_at").isTextual(),
                Duration.ofSeconds(60));

        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("budget_exhausted");
        assertThat(job.path("run").path("failure").asText()).contains("time budget");
        assertThat(job.path("run").path("completed_nodes").toString()).doesNotContain("second");
        JsonNode budget = job.path("budget");
        assertThat(budget.path("max_tokens").asLong()).isEqualTo(200_000);
        assertThat(budget.path("max_cost_usd").asDouble()).isEqualTo(2.5);
        assertThat(budget.path("max_time").asText()).isEqualTo("1s");
        assertThat(budget.path("stall_timeout").asText()).isEqualTo("10m");
        assertThat(job.path("tokens").isNumber()).isTrue();
        assertThat(job.path("cost_usd").isNumber()).isTrue();
        assertThat(job.path("cost_complete").isBoolean()).isTrue();
        assertThat(http().get("/pipelines/" + id).json().path("budget").path("max_time").asText()).isEqualTo("1s");

        Http.Reply refused = http().postJson("/pipelines/" + id + "/resume", Map.of("max_time", "later"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).contains("\"max_time\"");
        Http.Reply resumed = http().postJson("/pipelines/" + id + "/resume", Map.of("max_time", "1h"));
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(202);
        JsonNode done = http().awaitJson("/jobs/" + id, j -> j.path("status").asText().equals("succeeded"),
                Duration.ofSeconds(90));
        assertThat(done.path("run").path("completed_nodes").toString()).contains("second");
        assertThat(done.path("budget").path("max_time").asText()).isEqualTo("1h");
        assertThat(done.path("budget").path("max_tokens").asLong()).as("the bounds not raised stay").isEqualTo(200_000);
    }

    @Test
    void aJobWhoseStageShowsNoProgressForItsStallTimeoutEndsStalled() {
        Http.Reply created = http().postJson("/jobs", job(twoStages("sleep 120"), Map.of("stall_timeout", "2s")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();

        JsonNode job = http().awaitJson("/jobs/" + id, j -> j.path("run").path("finished_at").isTextual(),
                Duration.ofSeconds(90));

        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("stalled");
        assertThat(job.path("budget").path("stall_timeout").asText()).isEqualTo("2s");
        assertThat(job.path("budget").path("max_tokens").isNull()).as("unset bounds stay the graph's").isTrue();
        assertThat(job.path("run").path("completed_nodes").toString()).doesNotContain("second");
    }
}
