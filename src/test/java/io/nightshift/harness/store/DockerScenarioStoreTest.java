package io.nightshift.harness.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.harness.SuiteFiles;
import io.nightshift.harness.SuiteVersion;
import io.nightshift.harness.suite.SuiteDirectory;
import io.nightshift.harness.suite.SuiteValidationException;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.SandboxReaper;
import io.nightshift.sandbox.docker.ServiceContainers;
import io.nightshift.sandbox.docker.ServiceInfo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The store against the real engine, under names of its own (so the operator's suites are untouched): needs the
 * image built by {@code scenario-store/build.sh}, which CI builds.
 */
@Tag("docker")
class DockerScenarioStoreTest {

    private static final String NAME = "nightshift-store-test-" + UUID.randomUUID().toString().substring(0, 8);
    private static DockerEngine engine;
    private static DockerScenarioStore store;

    @BeforeAll
    static void start() {
        engine = DockerEngine.connect();
        store = new DockerScenarioStore(engine, NAME, NAME);
    }

    @AfterAll
    static void removeTheTestStore() {
        new ServiceContainers(engine).remove(NAME, NAME);
        engine.close();
    }

    private static SuiteFiles greeter() {
        return SuiteDirectory.read(Path.of("src/test/resources/suites/greeter"));
    }

    private static SuiteFiles greeterWith(String extraScenario) {
        Map<String, String> files = new HashMap<>(greeter().files());
        files.put("greet.feature", files.get("greet.feature") + "\n" + extraScenario);
        return new SuiteFiles(files);
    }

    @Test
    void importsVersionsByContentAndReimportingIdenticalContentChangesNothing() {
        SuiteVersion first = store.importSuite("greeter", greeter());

        assertThat(first.version()).isEqualTo(greeter().contentHash()).hasSize(12);
        assertThat(first.scenarios()).isEqualTo(4);
        SuiteVersion again = store.importSuite("greeter", greeter());
        assertThat(again.version()).isEqualTo(first.version());
        assertThat(again.importedAt()).isEqualTo(first.importedAt());
        assertThat(store.history("greeter")).hasSize(1);

        SuiteVersion second = store.importSuite("greeter", greeterWith("""
                  Scenario: Says goodbye
                    When I run "python3 greet.py --bye Ada"
                    Then stdout contains "Goodbye"
                """));

        assertThat(second.version()).isNotEqualTo(first.version());
        List<SuiteVersion> history = store.history("greeter");
        assertThat(history).extracting(SuiteVersion::version).containsExactly(first.version(), second.version());
        assertThat(history).extracting(SuiteVersion::current).containsExactly(false, true);
        assertThat(history).extracting(SuiteVersion::scenarios).containsExactly(4, 5);
        assertThat(store.list()).extracting(SuiteVersion::suite, SuiteVersion::version)
                .contains(org.assertj.core.groups.Tuple.tuple("greeter", second.version()));
        assertThat(store.files("greeter").orElseThrow().files().get("greet.feature")).contains("Says goodbye");
    }

    @Test
    void showsTheCurrentFilesExactlyAsImported() {
        store.importSuite("greeter-show", renamed(greeter(), "greeter-show"));

        SuiteFiles stored = store.files("greeter-show").orElseThrow();

        assertThat(stored).isEqualTo(renamed(greeter(), "greeter-show"));
        assertThat(store.files("no-such-suite")).isEmpty();
    }

    @Test
    void removesASuiteWithItsHistory() {
        store.importSuite("greeter-rm", renamed(greeter(), "greeter-rm"));

        assertThat(store.remove("greeter-rm")).isTrue();

        assertThat(store.remove("greeter-rm")).isFalse();
        assertThat(store.files("greeter-rm")).isEmpty();
        assertThat(store.history("greeter-rm")).isEmpty();
        assertThat(store.list()).extracting(SuiteVersion::suite).doesNotContain("greeter-rm");
    }

    @Test
    void recordsJudgmentsBesideTheSuite() {
        store.importSuite("greeter-judged", renamed(greeter(), "greeter-judged"));

        store.recordJudgment("greeter-judged", "{\"satisfaction\":0.5,\"commit\":\"abc\"}");
        store.recordJudgment("greeter-judged", "{\"satisfaction\":1.0,\"commit\":\"def\"}");

        assertThat(store.judgments("greeter-judged")).hasSize(2)
                .satisfies(j -> assertThat(j.get(0)).contains("\"abc\""))
                .satisfies(j -> assertThat(j.get(1)).contains("\"def\""));
        assertThatThrownBy(() -> store.recordJudgment("no-such-suite", "{}"))
                .isInstanceOf(ScenarioStoreException.class).hasMessageContaining("no suite named no-such-suite");
        assertThatThrownBy(() -> store.recordJudgment("greeter-judged", "not json"))
                .isInstanceOf(ScenarioStoreException.class).hasMessageContaining("not JSON");
    }

    @Test
    void refusesAnInvalidSuiteOrOneImportedUnderAnotherName() {
        Map<String, String> broken = new HashMap<>(greeter().files());
        broken.put("broken.feature", "Feature: x\n  Scenario: y\n    When I dance\n");

        assertThatThrownBy(() -> store.importSuite("greeter", new SuiteFiles(broken)))
                .isInstanceOf(SuiteValidationException.class).hasMessageContaining("broken.feature:3: unknown step");
        assertThatThrownBy(() -> store.importSuite("other", greeter()))
                .isInstanceOf(ScenarioStoreException.class).hasMessageContaining("names the suite 'greeter'");
    }

    @Test
    void theStoreIsAnIsolatedHardenedContainerThatTheReaperLeavesAlone() {
        store.list();
        ServiceContainers containers = new ServiceContainers(engine);

        ServiceInfo info = containers.inspect(NAME).orElseThrow();

        assertThat(info.running()).isTrue();
        assertThat(info.networkMode()).isEqualTo("none");
        assertThat(info.readOnlyRoot()).isTrue();
        assertThat(info.capDrop()).contains("ALL");
        assertThat(info.securityOpts()).contains("no-new-privileges");
        assertThat(info.user()).isEqualTo("10001:10001");
        assertThat(info.volumes()).containsExactly(NAME);
        assertThat(info.labels()).containsEntry(DockerScenarioStore.ROLE_LABEL, DockerScenarioStore.ROLE)
                .doesNotContainKeys("io.nightshift.run", "io.nightshift.managed");
        assertThat(containers.containersMounting(NAME)).containsExactly(NAME);
        assertThat(new SandboxReaper(engine).list()).extracting(s -> s.name()).doesNotContain(NAME);
    }

    @Test
    void aRemovedContainerIsStartedAgainAndTheSuitesSurviveInTheVolume() {
        store.importSuite("greeter-survives", renamed(greeter(), "greeter-survives"));

        new ServiceContainers(engine).remove(NAME, null);

        assertThat(store.files("greeter-survives")).isPresent();
    }

    @Test
    void concurrentImportsFromProcessesStartingTheStoreAtOnceLoseNothing() throws Exception {
        String fresh = NAME + "-race";
        int writers = 6;
        List<DockerScenarioStore> stores = new java.util.ArrayList<>();
        for (int i = 0; i < writers; i++) {
            stores.add(new DockerScenarioStore(engine, fresh, fresh));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            List<java.util.concurrent.Future<SuiteVersion>> imports = new java.util.ArrayList<>();
            for (int i = 0; i < writers; i++) {
                SuiteFiles files = renamed(greeterWith("  Scenario: extra " + i + "\n    When I run \"true\"\n"
                        + "    Then the exit code is 0\n"), "raced");
                DockerScenarioStore store = stores.get(i);
                imports.add(pool.submit(() -> store.importSuite("raced", files)));
            }
            java.util.Set<String> versions = new java.util.HashSet<>();
            for (var f : imports) {
                versions.add(f.get(120, java.util.concurrent.TimeUnit.SECONDS).version());
            }

            List<SuiteVersion> history = stores.get(0).history("raced");
            assertThat(versions).hasSize(writers);
            assertThat(history).extracting(SuiteVersion::version).containsExactlyInAnyOrderElementsOf(versions);
            assertThat(stores.get(0).files("raced").orElseThrow().contentHash())
                    .isEqualTo(history.get(history.size() - 1).version());
            assertThat(new ServiceContainers(engine).containersMounting(fresh)).containsExactly(fresh);
        } finally {
            pool.shutdownNow();
            new ServiceContainers(engine).remove(fresh, fresh);
        }
    }

    private static SuiteFiles renamed(SuiteFiles files, String name) {
        Map<String, String> copy = new HashMap<>(files.files());
        copy.put("suite.yaml", copy.get("suite.yaml").replace("name: greeter", "name: " + name));
        return new SuiteFiles(copy);
    }
}
