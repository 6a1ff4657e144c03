package io.nightshift.sandbox.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.nightshift.sandbox.GrepOptions;
import io.nightshift.sandbox.InvalidPatternException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both grep engines give the same answers (ripgrep runs when it is installed, as on CI). */
class TextSearchTest {

    @TempDir
    Path root;

    WorkspacePaths paths;

    static Stream<TextSearch> engines() {
        return Stream.of(new RegexWalkSearch(), new RipgrepSearch("rg"));
    }

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(root.resolve("src/deep"));
        Files.writeString(root.resolve("src/Main.java"), "class Main {\n  // Needle here\n}\n");
        Files.writeString(root.resolve("src/deep/util.py"), "needle = 1\nhay = 2\nNEEDLE = 3\n");
        Files.writeString(root.resolve(".hidden.txt"), "needle hidden\n");
        Files.write(root.resolve("src/data.bin"), new byte[] {'n', 'e', 'e', 'd', 'l', 'e', 0, 1});
        paths = WorkspacePaths.local(root);
    }

    private static void assumeAvailable(TextSearch engine) {
        if (engine instanceof RipgrepSearch) {
            assumeThat(TextSearch.detect()).as("ripgrep on the PATH").isInstanceOf(RipgrepSearch.class);
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void findsMatchesInPathOrderIncludingHiddenFilesButNotBinaries(TextSearch engine) {
        assumeAvailable(engine);

        assertThat(engine.search(paths, root, "needle", GrepOptions.DEFAULTS).lines())
                .containsExactly(".hidden.txt:1:needle hidden", "src/deep/util.py:1:needle = 1");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void caseInsensitiveWithAFileNameFilter(TextSearch engine) {
        assumeAvailable(engine);

        assertThat(engine.search(paths, root.resolve("src"), "needle", new GrepOptions("*.py", true, 100)).lines())
                .containsExactly("src/deep/util.py:1:needle = 1", "src/deep/util.py:3:NEEDLE = 3");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void searchesASingleFile(TextSearch engine) {
        assumeAvailable(engine);

        assertThat(engine.search(paths, root.resolve("src/Main.java"), "Needle", GrepOptions.DEFAULTS))
                .isEqualTo("src/Main.java:2:  // Needle here");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void stopsAtMaxResultsAndSaysSo(TextSearch engine) {
        assumeAvailable(engine);

        assertThat(engine.search(paths, root, "e", new GrepOptions(null, false, 2)).lines()).hasSize(3)
                .last().isEqualTo(TextSearch.truncationNote(2));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void javaOnlyRegexFeaturesStillWork(TextSearch engine) {
        assumeAvailable(engine);

        assertThat(engine.search(paths, root, "needle(?= =)", GrepOptions.DEFAULTS))
                .isEqualTo("src/deep/util.py:1:needle = 1");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void anInvalidRegexIsAClearError(TextSearch engine) {
        assumeAvailable(engine);

        assertThatThrownBy(() -> engine.search(paths, root, "a[b", GrepOptions.DEFAULTS))
                .isInstanceOf(InvalidPatternException.class).hasMessageContaining("a[b");
    }
}
