package io.nightshift.sandbox.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.sandbox.InvalidPatternException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GlobMatcherTest {

    @Test
    void doubleStarMatchesZeroOrMoreDirectories() {
        GlobMatcher m = GlobMatcher.compile("**/*.java");

        assertThat(m.matches(Path.of("A.java"))).isTrue();
        assertThat(m.matches(Path.of("src/main/A.java"))).isTrue();
        assertThat(m.matches(Path.of("src/A.kt"))).isFalse();
    }

    @Test
    void doubleStarInTheMiddleAlsoMatchesNoDirectory() {
        GlobMatcher m = GlobMatcher.compile("src/**/test/*.py");

        assertThat(m.matches(Path.of("src/test/a.py"))).isTrue();
        assertThat(m.matches(Path.of("src/x/y/test/a.py"))).isTrue();
        assertThat(m.matches(Path.of("lib/test/a.py"))).isFalse();
    }

    @Test
    void singleStarStaysInOneSegmentAndBracesChoose() {
        assertThat(GlobMatcher.compile("*.md").matches(Path.of("docs/a.md"))).isFalse();
        assertThat(GlobMatcher.compile("*.{md,txt}").matches(Path.of("a.txt"))).isTrue();
    }

    @Test
    void emptyOrMalformedPatternsAreRefusedWithThePattern() {
        assertThatThrownBy(() -> GlobMatcher.compile(" ")).isInstanceOf(InvalidPatternException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> GlobMatcher.compile("a/{b")).isInstanceOf(InvalidPatternException.class)
                .hasMessageContaining("a/{b");
    }
}
