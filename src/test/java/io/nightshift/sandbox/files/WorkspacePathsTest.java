package io.nightshift.sandbox.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.sandbox.PathOutsideWorkspaceException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspacePathsTest {

    @TempDir
    Path host;

    @Test
    void mapsTheVisibleRootOfAContainerToTheHostDirectory() throws Exception {
        WorkspacePaths paths = new WorkspacePaths(host, "/workspace");

        assertThat(paths.resolve("/workspace/src/A.java")).isEqualTo(host.toRealPath().resolve("src/A.java"));
        assertThat(paths.resolve("/workspace")).isEqualTo(host.toRealPath());
        assertThat(paths.resolve("src/../B.java")).isEqualTo(host.toRealPath().resolve("B.java"));
        assertThat(paths.relative(host.toRealPath().resolve("src/A.java"))).isEqualTo("src/A.java");
    }

    @Test
    void refusesHostPathsWhenToolsSeeAContainerPath() {
        WorkspacePaths paths = new WorkspacePaths(host, "/workspace");

        assertThatThrownBy(() -> paths.resolve(host.resolve("a.txt").toString()))
                .isInstanceOf(PathOutsideWorkspaceException.class).hasMessageContaining("/workspace (host: ");
        assertThatThrownBy(() -> paths.resolve("/workspace/../etc/passwd"))
                .isInstanceOf(PathOutsideWorkspaceException.class);
    }

    @Test
    void followsAChainOfLinksBeforeDeciding(@TempDir Path elsewhere) throws Exception {
        Files.createDirectories(host.resolve("in"));
        Files.createSymbolicLink(host.resolve("hop2"), elsewhere.resolve("target.txt"));
        Files.createSymbolicLink(host.resolve("in/hop1"), Path.of("../hop2"));
        Files.createSymbolicLink(host.resolve("loop"), Path.of("loop"));
        WorkspacePaths paths = WorkspacePaths.local(host);

        assertThatThrownBy(() -> paths.resolve("in/hop1")).isInstanceOf(PathOutsideWorkspaceException.class)
                .hasMessageContaining("in/hop1").hasMessageContaining(host.toRealPath().toString());
        assertThatThrownBy(() -> paths.resolve("loop")).hasMessageContaining("symbolic links");
    }
}
