package io.nightshift.runtime.harness;

import io.nightshift.harness.DisclosedJudgment;
import io.nightshift.harness.Disclosures;
import io.nightshift.harness.ExposureLedger;
import io.nightshift.harness.Judge;
import io.nightshift.harness.JudgeException;
import io.nightshift.harness.JudgeListener;
import io.nightshift.harness.JudgeRequest;
import io.nightshift.harness.Judgment;
import io.nightshift.harness.JudgmentJson;
import io.nightshift.harness.ScenarioStore;
import io.nightshift.harness.Suite;
import io.nightshift.harness.SuiteFiles;
import io.nightshift.harness.judge.DockerJudge;
import io.nightshift.harness.judge.LocalJudge;
import io.nightshift.harness.store.DockerScenarioStore;
import io.nightshift.harness.suite.SuiteLoader;
import io.nightshift.harness.suite.SuiteValidationException;
import io.nightshift.llm.Client;
import io.nightshift.runtime.scenario.ScenarioCatalog;
import io.nightshift.llm.ModelCatalog;
import io.nightshift.llm.ModelInfo;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.DockerUnavailableException;
import io.nightshift.sandbox.docker.SandboxPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The real {@link HarnessGateway}: the suite comes out of the isolated store into memory, is judged against the
 * snapshot commit (in judge containers, or on this machine when the run's tools are local too), the full record
 * goes back into the store, and only the disclosed judgment leaves. The Docker connection is opened on the first
 * judgment, so runs that never judge never need one.
 */
public final class StoreGateway implements HarnessGateway, AutoCloseable {

    private final Map<String, String> environment;
    private final Supplier<DockerEngine> connect;
    private DockerEngine engine;
    private ScenarioStore store;

    /** @param environment the run's environment: the judge model's provider keys, PATH for local judging */
    public StoreGateway(Map<String, String> environment) {
        this(environment, DockerEngine::connect);
    }

    StoreGateway(Map<String, String> environment, Supplier<DockerEngine> connect) {
        this.environment = Map.copyOf(environment);
        this.connect = connect;
    }

    @Override
    public DisclosedJudgment judge(HarnessCall call, JudgeListener listener) throws Exception {
        return judge(call, 0, listener, true);
    }

    /**
     * As {@link #judge(HarnessCall, JudgeListener)} for the operator ({@code nightshift judge}): at most
     * {@code parallelism} trials at once (0: automatic), and its feedback goes to no agent, so it adds no exposure.
     */
    public DisclosedJudgment judge(HarnessCall call, int parallelism, JudgeListener listener) throws Exception {
        return judge(call, parallelism, listener, false);
    }

    private DisclosedJudgment judge(HarnessCall call, int parallelism, JudgeListener listener, boolean toAgents)
            throws Exception {
        try {
            return judgeOrThrow(call, parallelism, listener, toAgents);
        } catch (DockerUnavailableException e) {
            throw new IllegalStateException(dockerMissing(e), e);
        }
    }

    @Override
    public Optional<String> refusal(Set<String> suites) {
        try {
            Set<String> stored = new TreeSet<>();
            store().list().forEach(v -> stored.add(v.suite()));
            List<String> missing = suites.stream().filter(s -> !stored.contains(s)).toList();
            if (missing.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(ScenarioCatalog.missingSuites(missing));
        } catch (DockerUnavailableException e) {
            return Optional.of(dockerMissing(e));
        } catch (RuntimeException e) {
            return Optional.of("the scenario store cannot be reached: " + e.getMessage());
        }
    }

    private DisclosedJudgment judgeOrThrow(HarnessCall call, int parallelism, JudgeListener listener,
            boolean toAgents) throws Exception {
        ScenarioStore scenarios = store();
        SuiteFiles files = scenarios.files(call.suite()).orElseThrow(() -> new IllegalStateException(
                ScenarioCatalog.missingSuites(List.of(call.suite()))));
        Suite suite;
        try {
            suite = new SuiteLoader().load(files);
        } catch (SuiteValidationException e) {
            throw new IllegalStateException("the stored suite '" + call.suite() + "' no longer validates (was it "
                    + "imported by another version of Nightshift?); import it again: " + e.getMessage(), e);
        }
        double threshold = call.threshold() != null ? call.threshold() : suite.settings().threshold();
        String impossible = call.gateOver(suite.settings().gate()).impossibleAt(threshold);
        if (impossible != null) {
            throw new IllegalStateException("cannot judge suite '" + call.suite() + "': " + impossible);
        }
        Client llm = Client.fromEnv(environment);
        if (call.metering() != null) {
            llm = llm.withMiddleware(call.metering());
        }
        JudgeRequest request = JudgeRequest.of(suite, call.repository(), call.commit())
                .withTrials(call.trials())
                .withThreshold(call.threshold())
                .withImage(call.sandboxImage())
                .withRunId(call.runId())
                .withParallelism(parallelism)
                .withGate(call.gateOver(suite.settings().gate()), call.maxTrials())
                .withLlm(llm.providerNames().isEmpty() ? null : llm, judgeModel(llm));
        Judge judge = call.sandboxImage() == null
                ? new LocalJudge(environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"))
                : new DockerJudge(engine(), SandboxPolicy.DEFAULTS);
        Judgment judgment;
        try {
            judgment = judge.judge(request, listener);
        } catch (JudgeException e) {
            if (Thread.currentThread().isInterrupted() || call.cancellation().isCancelled()) {
                InterruptedException interrupted = new InterruptedException(e.getMessage());
                interrupted.initCause(e);
                throw interrupted;
            }
            throw e;
        }
        // The leak ledger: scenarios disclosed to agents often enough are withheld (still judged and counted).
        Set<Integer> withheld = suite.settings().maxExposure() == null ? Set.of()
                : ExposureLedger.withheld(suite, ExposureLedger.exposure(scenarios.judgments(suite.name())));
        DisclosedJudgment disclosed = Disclosures.disclose(judgment, withheld);
        scenarios.recordJudgment(suite.name(), ExposureLedger.record(judgment, disclosed,
                toAgents ? call.runId() + "/" + call.nodeId() : null));
        return disclosed;
    }

    /** The default model of the first configured provider, for {@code a judge agrees} steps of suites naming none. */
    private static String judgeModel(Client llm) {
        if (llm.providerNames().isEmpty()) {
            return null;
        }
        return ModelCatalog.builtIn().latest(llm.defaultProvider(), "tools").map(ModelInfo::id).orElse(null);
    }

    private static String dockerMissing(DockerUnavailableException e) {
        return "held-out scenarios live in the scenario store, which runs in Docker, and Nightshift cannot reach the "
                + "Docker engine at " + e.host() + ": start Docker (for example `sudo dockerd &`), then build the "
                + "store image with `" + DockerScenarioStore.BUILD_COMMAND + "` if it is missing";
    }

    private synchronized ScenarioStore store() {
        if (store == null) {
            store = new DockerScenarioStore(engine());
        }
        return store;
    }

    private synchronized DockerEngine engine() {
        if (engine == null) {
            engine = connect.get();
        }
        return engine;
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
            store = null;
        }
    }
}
