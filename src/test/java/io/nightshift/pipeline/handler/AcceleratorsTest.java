package io.nightshift.pipeline.handler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcceleratorsTest {

    @Test
    void extractsKeysFromEveryMarkerStyleAndFallsBackToTheFirstCharacter() {
        assertThat(Accelerators.key("[Y] Yes, deploy")).isEqualTo("Y");
        assertThat(Accelerators.key("y) Yes, deploy")).isEqualTo("Y");
        assertThat(Accelerators.key("Y - Yes, deploy")).isEqualTo("Y");
        assertThat(Accelerators.key("Yes, deploy")).isEqualTo("Y");
        assertThat(Accelerators.key("")).isEmpty();
    }

    @Test
    void normalisationStripsMarkersCaseAndSpaces() {
        assertThat(Accelerators.normalize("  [Y] Yes, Deploy ")).isEqualTo("yes, deploy");
        assertThat(Accelerators.normalize("Y) Yes, deploy")).isEqualTo("yes, deploy");
        assertThat(Accelerators.normalize("Y - Yes, deploy")).isEqualTo("yes, deploy");
        assertThat(Accelerators.normalize("Re-run - later")).isEqualTo("re-run - later");
    }
}
