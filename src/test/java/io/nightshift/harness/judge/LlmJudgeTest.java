package io.nightshift.harness.judge;

import static io.nightshift.harness.Scenarios.judgeAgrees;
import static io.nightshift.harness.Scenarios.run;
import static io.nightshift.harness.Scenarios.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.harness.StepKind;
import io.nightshift.harness.TrialResult;
import io.nightshift.llm.Client;
import io.nightshift.llm.ProviderConfig;
import io.nightshift.llm.Providers;
import io.nightshift.sandbox.LocalExecutionEnvironment;
import io.nightshift.twin.RecordedRequest;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Then a judge agrees that ...} through the unified client, against the LLM twin over HTTP. */
class LlmJudgeTest {

    static final String SCRIPT = """
            rules:
              - match: {user_contains: "greeting is friendly"}
                reply:
                  text: '{"agrees": true, "reason": "the program said hello warmly"}'
              - match: {user_contains: "prints a poem"}
                reply:
                  text: '{"agrees": false, "reason": "the output is a greeting, not a poem"}'
              - reply:
                  text: 'I think it is fine'
            """;

    @TempDir
    Path dir;

    TwinServer twin;
    Client client;
    LocalExecutionEnvironment env;

    @BeforeEach
    void start() {
        twin = TwinServer.start(TwinScripts.parse(SCRIPT));
        client = Client.builder().provider(Providers.anthropic(ProviderConfig.of(twin.apiKey(), twin.baseUrl()))).build();
        env = new LocalExecutionEnvironment(dir, Map.of("PATH", "/usr/bin:/bin"));
        env.initialize();
    }

    @AfterEach
    void stop() {
        env.close();
        client.close();
        twin.close();
    }

    private TrialResult judged(String statement) {
        ScenarioRunner runner = new ScenarioRunner(new LlmJudge(client, "claude-opus-4-6"));
        return runner.run(scenario("judged", run("echo 'Hello there, friend!'"), judgeAgrees(statement)), 1, env);
    }

    @Test
    void anAgreeingVerdictSatisfiesTheStepAndTheModelSawTheTranscript() {
        TrialResult r = judged("the greeting is friendly");
        assertThat(r.satisfied()).as(String.valueOf(r)).isTrue();
        RecordedRequest request = twin.requests().get(0);
        assertThat(request.json().at("/model").asText()).isEqualTo("claude-opus-4-6");
        String prompt = request.json().at("/messages/0/content").toString();
        assertThat(prompt).contains("Statement: the greeting is friendly", "echo 'Hello there, friend!'",
                "Hello there, friend!", "exit code 0");
        assertThat(request.json().at("/system/0/text").asText()).contains("judge of an acceptance test", "agrees");
    }

    @Test
    void aDisagreeingVerdictFailsTheStepWithTheJudgesReason() {
        TrialResult r = judged("the program prints a poem");
        assertThat(r.satisfied()).isFalse();
        assertThat(r.failedStep()).isEqualTo(1);
        assertThat(r.failedKind()).isEqualTo(StepKind.LLM_JUDGE);
        assertThat(r.reason()).isEqualTo("the judge disagreed: the output is a greeting, not a poem");
        assertThat(r.observed()).contains("Hello there, friend!").doesNotContain("poem");
        assertThat(r.expected()).isEqualTo("a judge agrees that \"the program prints a poem\"");
    }

    @Test
    void aReplyThatIsNoVerdictFailsTheStepSayingSo() {
        TrialResult r = judged("something else entirely");
        assertThat(r.failedKind()).isEqualTo(StepKind.LLM_JUDGE);
        assertThat(r.reason()).startsWith("the judge model gave no verdict").contains("not valid JSON");
    }

    @Test
    void noJudgeModelFailsTheStepSayingWhereToSetOne() {
        ScenarioRunner runner = new ScenarioRunner(new LlmJudge(client, null));
        TrialResult r = runner.run(scenario("judged", run("true"), judgeAgrees("x")), 1, env);
        assertThat(r.reason()).contains("judge_model in suite.yaml");
    }
}
