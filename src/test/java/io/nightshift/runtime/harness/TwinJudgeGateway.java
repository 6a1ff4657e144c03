package io.nightshift.runtime.harness;

import static io.nightshift.harness.Scenarios.judgeAgrees;
import static io.nightshift.harness.Scenarios.scenario;

import io.nightshift.harness.DisclosedJudgment;
import io.nightshift.harness.DisclosedScenario;
import io.nightshift.harness.Disclosure;
import io.nightshift.harness.JudgeListener;
import io.nightshift.harness.Scenarios;
import io.nightshift.harness.TrialResult;
import io.nightshift.harness.judge.LlmJudge;
import io.nightshift.harness.judge.ScenarioRunner;
import io.nightshift.llm.Client;
import io.nightshift.llm.ProviderConfig;
import io.nightshift.llm.Providers;
import io.nightshift.sandbox.LocalExecutionEnvironment;
import io.nightshift.twin.TwinServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test double of the port that judges as the store gateway does where model calls are concerned: one scenario
 * with a {@code Then a judge agrees that ...} step, played by the real {@link LlmJudge} through a client over the
 * twin (anthropic, {@code claude-sonnet-4-5}) wrapped in the call's metering.
 */
public final class TwinJudgeGateway implements HarnessGateway {

    private static final Map<String, String> HOST = Map.of("PATH",
            System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));

    private final TwinServer twin;
    public final List<HarnessCall> calls = new CopyOnWriteArrayList<>();

    public TwinJudgeGateway(TwinServer twin) {
        this.twin = twin;
    }

    @Override
    public DisclosedJudgment judge(HarnessCall call, JudgeListener listener) {
        calls.add(call);
        Client client = Client.builder().provider(Providers.anthropic(ProviderConfig.of(twin.apiKey(),
                twin.baseUrl()))).build();
        if (call.metering() != null) {
            client = client.withMiddleware(call.metering());
        }
        listener.started(call.suite(), "v1", call.commit(), 1, 1);
        TrialResult trial;
        try (LocalExecutionEnvironment env = new LocalExecutionEnvironment(call.repository(), HOST)) {
            env.initialize();
            trial = new ScenarioRunner(new LlmJudge(client, "claude-sonnet-4-5")).run(scenario("greets",
                    Scenarios.run("echo hello"), judgeAgrees("the program greets")), 1, env);
        } finally {
            client.close();
        }
        int ok = trial.satisfied() ? 1 : 0;
        DisclosedScenario s = new DisclosedScenario("scenario 1", "greets", "greets", ok, 1, null, null, null, null);
        listener.scenarioJudged(1, s);
        return new DisclosedJudgment(call.suite(), "v1", call.commit(), Disclosure.HINTS, ok, 1, ok, 1.0, ok == 1,
                List.of(s), trial.satisfied() ? "all satisfied" : trial.reason(), 1);
    }
}
