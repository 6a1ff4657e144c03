package io.nightshift.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathPatternsTest {

    @Test
    void bareNamesMatchAtAnyDepthAndCoverDirectories() {
        PathPatterns deny = PathPatterns.of(WorkspaceSettings.DEFAULT_DENY_PATTERNS);
        assertThat(deny.matches(".env")).isTrue();
        assertThat(deny.matches("config/.env")).isTrue();
        assertThat(deny.matches("certs/server.pem")).isTrue();
        assertThat(deny.matches("id_rsa")).isTrue();
        assertThat(deny.matches(".ssh/id_ed25519.pub")).isTrue();
        assertThat(deny.matches(".envrc")).isFalse();
        assertThat(deny.matches("src/identity.java")).isFalse();
        assertThat(deny.matches("pem/readme.md")).isFalse();
    }

    @Test
    void slashPatternsAreAnchoredAndDoubleStarCrossesDirectories() {
        PathPatterns patterns = PathPatterns.of(List.of("tests/acceptance/**", "docs", "**/golden/*.json"));
        assertThat(patterns.matches("tests/acceptance/a/b.txt")).isTrue();
        assertThat(patterns.matches("other/tests/acceptance/a.txt")).isFalse();
        assertThat(patterns.matches("tests/unit/a.txt")).isFalse();
        assertThat(patterns.matches("docs/guide/intro.md")).isTrue();
        assertThat(patterns.matches("golden/x.json")).isTrue();
        assertThat(patterns.matches("a/b/golden/x.json")).isTrue();
        assertThat(patterns.matches("a/b/golden/x.txt")).isFalse();
    }

    @Test
    void rejectsAnEmptyPatternByName() {
        assertThatThrownBy(() -> PathPatterns.of(List.of("ok", " "))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Empty path pattern");
    }
}
