package io.nightshift.agent.truncate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Coding-agent spec 5.1 to 5.3. */
class OutputTruncatorTest {

    private final OutputTruncator defaults = new OutputTruncator(Map.of(), Map.of());

    @Test
    void keepsHeadAndTailOfLongShellOutputWithTheSpecMarker() {
        String output = "a".repeat(20_000) + "b".repeat(20_000);
        String seen = defaults.truncate("shell", output);
        assertThat(seen).startsWith("a".repeat(15_000) + "\n\n[WARNING: Tool output was truncated. 10000 characters "
                + "were removed from the middle. The full output is available in the event stream. If you need to see "
                + "specific parts, re-run the tool with more targeted parameters.]\n\n")
                .endsWith("b".repeat(15_000));
    }

    @Test
    void keepsOnlyTheTailForGrep() {
        String output = "x".repeat(20_000) + "END";
        assertThat(defaults.truncate("grep", output)).isEqualTo("[WARNING: Tool output was truncated. First 3 "
                + "characters were removed. The full output is available in the event stream.]\n\n"
                + ("x".repeat(19_997) + "END"));
    }

    @Test
    void usesTheSpecDefaultCharacterLimits() {
        assertThat(defaults.truncate("read_file", "r".repeat(50_000))).hasSize(50_000);
        assertThat(defaults.truncate("read_file", "r".repeat(50_001))).contains("1 characters were removed");
        assertThat(defaults.truncate("write_file", "w".repeat(1_001))).contains("First 1 characters");
        assertThat(defaults.truncate("edit_file", "e".repeat(10_001))).contains("First 1 characters");
        assertThat(defaults.truncate("apply_patch", "p".repeat(10_001))).contains("First 1 characters");
        assertThat(defaults.truncate("glob", "g".repeat(20_001))).contains("First 1 characters");
        assertThat(defaults.truncate("spawn_agent", "s".repeat(20_001))).contains("removed from the middle");
    }

    @Test
    void truncatesCharactersBeforeLinesSoHugeLinesCannotSlipThrough() {
        String twoHugeLines = "c".repeat(10_000_000) + "\n" + "d".repeat(10_000_000);
        String seen = defaults.truncate("shell", twoHugeLines);
        assertThat(seen.length()).isLessThan(30_400);
        assertThat(seen).contains("19970001 characters were removed");
    }

    @Test
    void thenCutsLinesWithAnOmissionMarker() {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            lines.append("line ").append(i).append('\n');
        }
        String seen = defaults.truncate("shell", lines.toString().strip());
        assertThat(seen.lines()).hasSize(257);
        assertThat(seen).contains("line 128\n[... 44 lines omitted ...]\nline 173");
        assertThat(seen).startsWith("line 1\n").endsWith("line 300");
    }

    @Test
    void appliesSessionOverridesForCharactersAndLines() {
        OutputTruncator custom = new OutputTruncator(Map.of("shell", 10), Map.of("read_file", 2));
        assertThat(custom.truncate("shell", "0123456789ABCDEF")).startsWith("01234\n\n[WARNING").endsWith("BCDEF");
        assertThat(custom.truncate("read_file", "1\n2\n3\n4")).isEqualTo("1\n[... 2 lines omitted ...]\n4");
    }
}
