package io.nightshift.pipeline.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** attractor-spec 5.1. */
class ContextTest {

    @Test
    void copiesAreIsolatedDeepCopies() {
        Context parent = new Context(Map.of("list", new ArrayList<>(List.of("a")), "k", "v"));
        parent.appendLog("one");
        Context branch = parent.copy();
        @SuppressWarnings("unchecked")
        List<String> branchList = (List<String>) branch.get("list");
        branchList.add("b");
        branch.set("k", "changed");
        branch.appendLog("two");

        assertThat(parent.get("list")).isEqualTo(List.of("a"));
        assertThat(parent.getString("k")).isEqualTo("v");
        assertThat(parent.logs()).containsExactly("one");
        assertThat(branch.logs()).containsExactly("one", "two");
    }

    @Test
    void snapshotIsSortedAndDetached() {
        Context c = new Context(Map.of("b", 2, "a", 1));
        Map<String, Object> snap = c.snapshot();
        c.set("c", 3);
        assertThat(snap.keySet()).containsExactly("a", "b");
    }

    @Test
    void missingKeysReadAsTheDefaultAndNullRemoves() {
        Context c = new Context();
        assertThat(c.getString("nope")).isEmpty();
        assertThat(c.getString("nope", "fallback")).isEqualTo("fallback");
        c.set("x", 5);
        assertThat(c.getString("x")).isEqualTo("5");
        c.applyUpdates(java.util.Collections.singletonMap("x", null));
        assertThat(c.has("x")).isFalse();
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        Context c = new Context();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        c.set("t" + thread + "." + i, i);
                        c.appendLog("t" + thread);
                    }
                });
            }
        }
        assertThat(c.snapshot()).hasSize(2000);
        assertThat(c.logs()).hasSize(2000);
    }

    @Test
    void stageStatusReadsWireNamesInAnyCaseAndRejectsOthersClearly() {
        assertThat(StageStatus.fromWire("partial_success")).isEqualTo(StageStatus.PARTIAL_SUCCESS);
        assertThat(StageStatus.fromWire("SUCCESS")).isEqualTo(StageStatus.SUCCESS);
        assertThat(StageStatus.RETRY.wireName()).isEqualTo("retry");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StageStatus.fromWire("done"))
                .hasMessageContaining("expected success, partial_success, retry, fail or skipped");
    }
}
