package io.nightshift.runtime.scenario;

import io.nightshift.harness.ExposureLedger;
import io.nightshift.harness.JudgmentJson;
import io.nightshift.harness.ScenarioResult;
import io.nightshift.harness.Suite;
import io.nightshift.harness.SuiteFiles;
import io.nightshift.harness.SuiteVersion;
import io.nightshift.harness.store.DockerScenarioStore;
import io.nightshift.harness.store.ScenarioStoreException;
import io.nightshift.harness.suite.SuiteDirectory;
import io.nightshift.harness.suite.SuiteLoader;
import io.nightshift.harness.suite.SuiteProblem;
import io.nightshift.harness.suite.SuiteValidationException;
import io.nightshift.sandbox.SandboxException;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.DockerUnavailableException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The operator's commands on held-out suites. Checking needs no Docker; everything else talks to the isolated
 * store ({@link DockerScenarioStore}), connecting to the engine on first use. Close it to drop the connection (the
 * store container keeps running for the next command).
 */
public final class ScenarioCatalog implements AutoCloseable {

    private final String dockerHost;
    private DockerEngine engine;
    private DockerScenarioStore store;

    /** @param dockerHost the engine to use, or null for DOCKER_HOST / the default socket */
    public ScenarioCatalog(String dockerHost) {
        this.dockerHost = dockerHost;
    }

    /** Validates the suite folder {@code dir} without touching the store. */
    public SuiteCheck check(Path dir) {
        try {
            Suite suite = new SuiteLoader().loadDirectory(dir);
            return new SuiteCheck(dir.toString(), suite.name(), suite.version(), suite.scenarios().size(),
                    suite.settings().trials(), suite.settings().disclosure().wireName(), suite.settings().threshold(),
                    List.of());
        } catch (SuiteValidationException e) {
            return new SuiteCheck(dir.toString(), null, null, 0, 0, null, 0,
                    e.problems().stream().map(p -> locate(dir, p)).toList());
        }
    }

    /**
     * Checks {@code dir} and, when valid, imports it; {@code name} (null: the suite's own) must match suite.yaml.
     *
     * @throws ScenarioStoreUnavailableException when the store cannot be reached or refuses
     */
    public SuiteImport importSuite(Path dir, String name) {
        SuiteCheck check = check(dir);
        if (!check.valid()) {
            return new SuiteImport(check, null, false);
        }
        if (name != null && !name.equals(check.name())) {
            return new SuiteImport(new SuiteCheck(check.folder(), check.name(), check.version(), check.scenarios(),
                    check.trials(), check.disclosure(), check.threshold(), List.of(dir.resolve("suite.yaml")
                    + ": the suite is named '" + check.name() + "', not '" + name + "': import it with --suite "
                    + check.name() + " or change its name in suite.yaml")), null, false);
        }
        String suiteName = check.name();
        return withStore(store -> {
            Optional<SuiteVersion> before = store.list().stream().filter(v -> v.suite().equals(suiteName)).findFirst();
            SuiteVersion stored = store.importSuite(suiteName, SuiteDirectory.read(dir));
            boolean changed = before.map(b -> !b.version().equals(stored.version())).orElse(true);
            return new SuiteImport(check, view(stored), changed);
        });
    }

    /** The current version of every suite. */
    public List<StoredSuite> list() {
        return withStore(store -> store.list().stream().map(ScenarioCatalog::view).toList());
    }

    /** The files of the current version and the history of {@code name}; empty when there is no such suite. */
    public Optional<SuiteShow> show(String name) {
        return withStore(store -> store.files(name).map(files -> new SuiteShow(name, files.files(),
                store.history(name).stream().map(ScenarioCatalog::view).toList())));
    }

    /** Every judgment recorded for {@code name}, oldest first (empty when it was never judged or does not exist). */
    public List<JudgmentRecord> judgments(String name) {
        return withStore(store -> store.judgments(name).stream().map(JudgmentJson::readJudgment)
                .map(j -> new JudgmentRecord(j.startedAt(), j.version(), j.commit(), j.satisfiedTrials(),
                        j.totalTrials(), j.satisfaction(), j.threshold(), j.reached(), j.estimate().describe(),
                        j.scenarios().stream().filter(ScenarioResult::flaky).map(s -> s.scenario().title()).toList(),
                        j.judgeErrors()))
                .toList());
    }

    /**
     * The leak ledger of {@code name}: each scenario's exposure to agents so far (oldest first), whether it is
     * withheld from feedback now and due for rotation, and the suite's limit (null: none).
     */
    public ExposureReport exposure(String name) {
        return withStore(store -> {
            Map<String, ExposureLedger.Exposure> exposure = ExposureLedger.exposure(store.judgments(name));
            Optional<SuiteFiles> files = store.files(name);
            Integer max = null;
            List<String> rotate = List.of();
            if (files.isPresent()) {
                try {
                    Suite suite = new SuiteLoader().load(files.get());
                    max = suite.settings().maxExposure();
                    rotate = ExposureLedger.dueForRotation(suite, exposure);
                } catch (SuiteValidationException e) {
                    // an old suite this version cannot read: its exposure is still shown, without a limit
                }
            }
            List<String> due = rotate;
            return new ExposureReport(exposure.values().stream().map(e -> new ScenarioExposure(e.title(), e.count(),
                    e.first(), e.last(), List.copyOf(e.kinds()), due.contains(e.title()))).toList(), max);
        });
    }

    /** What {@link #exposure} found. */
    public record ExposureReport(List<ScenarioExposure> scenarios, Integer maxExposure) {
    }

    /** One scenario's exposure: how often and when its details reached agents, what kinds, and whether to rotate it. */
    public record ScenarioExposure(String title, int count, java.time.Instant first, java.time.Instant last,
                                   List<String> kinds, boolean rotate) {
    }

    /** @return false when there was no such suite */
    public boolean remove(String name) {
        return withStore(store -> store.remove(name));
    }

    /** What to say when runs or judgments name suites the store does not hold, and how to add them. */
    public static String missingSuites(List<String> names) {
        return "the scenario store has no suite " + String.join(", ", names.stream().map(s -> "'" + s + "'").toList())
                + ": import it with `nightshift scenarios import DIR --suite " + names.get(0)
                + "` (`nightshift scenarios ls` lists the suites)";
    }

    private <T> T withStore(Function<DockerScenarioStore, T> action) {
        try {
            return action.apply(store());
        } catch (DockerUnavailableException e) {
            throw new ScenarioStoreUnavailableException("the scenario store runs in Docker, and Nightshift cannot reach "
                    + "the Docker engine at " + e.host() + ". Start Docker (for example `sudo dockerd &` or `sudo "
                    + "systemctl start docker`), then build the store image with `" + DockerScenarioStore.BUILD_COMMAND
                    + "` if it is missing.", e);
        } catch (ScenarioStoreException | SandboxException e) {
            throw new ScenarioStoreUnavailableException(e.getMessage(), e);
        } catch (SuiteValidationException e) {
            throw new ScenarioStoreUnavailableException("the suite changed while it was imported: " + e.getMessage(), e);
        }
    }

    private synchronized DockerScenarioStore store() {
        if (store == null) {
            engine = dockerHost == null ? DockerEngine.connect() : DockerEngine.connect(dockerHost);
            store = new DockerScenarioStore(engine);
        }
        return store;
    }

    private static String locate(Path dir, SuiteProblem p) {
        String path = p.file().equals(dir.toString()) ? p.file() : dir.resolve(p.file()).toString();
        return path + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.message();
    }

    private static StoredSuite view(SuiteVersion v) {
        return new StoredSuite(v.suite(), v.version(), v.importedAt(), v.scenarios(), v.current());
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
