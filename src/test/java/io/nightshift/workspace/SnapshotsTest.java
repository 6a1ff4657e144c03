package io.nightshift.workspace;

import static io.nightshift.workspace.GitCli.git;
import static io.nightshift.workspace.GitCli.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exporting a commit's tree for judging: exactly the commit, never the live working tree. */
class SnapshotsTest {

    @TempDir
    Path tmp;

    Path repo;
    String first;
    String second;

    @BeforeEach
    void repository() throws IOException {
        repo = GitCli.sourceRepo(tmp);
        first = git(repo, "rev-parse", "v1").strip();
        write(repo, "bin/run.sh", "#!/bin/sh\necho run\n");
        Files.setPosixFilePermissions(repo.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(repo.resolve("latest"), Path.of("src/app.txt"));
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "third");
        second = git(repo, "rev-parse", "HEAD").strip();
    }

    @Test
    void exportsTheCommittedTreeWithExecutableBitsAndLinksButNeitherLiveChangesNorGitData() throws IOException {
        write(repo, "src/app.txt", "uncommitted edit\n");
        write(repo, "untracked.txt", "not committed\n");
        Path target = tmp.resolve("snap");

        Snapshot s = Snapshots.export(repo, second, target);

        assertThat(s.commit()).isEqualTo(second);
        assertThat(s.files()).isEqualTo(4);
        assertThat(Files.readString(target.resolve("src/app.txt"))).isEqualTo("line 1\nline 2\nline 3\n");
        assertThat(target.resolve("untracked.txt")).doesNotExist();
        assertThat(target.resolve(".git")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("bin/run.sh"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("README.md"))))
                .doesNotContain("x");
        assertThat(Files.isSymbolicLink(target.resolve("latest"))).isTrue();
        assertThat(Files.readSymbolicLink(target.resolve("latest"))).isEqualTo(Path.of("src/app.txt"));
        assertThat(Files.readString(repo.resolve("src/app.txt"))).as("the live tree is untouched")
                .isEqualTo("uncommitted edit\n");
    }

    @Test
    void listsWhatASnapshotOfHeadLeavesOutButNotIgnoredFiles() throws IOException {
        assertThat(Snapshots.uncommittedChanges(repo)).isEmpty();
        write(repo, ".gitignore", "build/\n");
        git(repo, "add", ".gitignore");
        git(repo, "commit", "-q", "-m", "ignore build");
        write(repo, "src/app.txt", "uncommitted edit\n");
        write(repo, "untracked.txt", "not committed\n");
        write(repo, "build/out.bin", "ignored\n");
        Files.delete(repo.resolve("README.md"));

        assertThat(Snapshots.uncommittedChanges(repo)).containsExactly("README.md", "src/app.txt", "untracked.txt");
    }

    @Test
    void exportsAnOlderCommitByIdTagOrAbbreviation() throws IOException {
        Snapshots.export(repo, "v1", tmp.resolve("by-tag"));
        Snapshots.export(repo, first.substring(0, 10), tmp.resolve("by-short-id"));
        for (String dir : new String[] {"by-tag", "by-short-id"}) {
            assertThat(Files.readString(tmp.resolve(dir).resolve("src/app.txt"))).isEqualTo("line 1\nline 2\n");
            assertThat(tmp.resolve(dir).resolve("bin")).doesNotExist();
        }
        assertThat(Snapshots.resolve(repo, "main")).isEqualTo(second);
    }

    @Test
    void refusesAnUnknownCommitBeforeWritingAnything() {
        Path target = tmp.resolve("never");
        assertThatThrownBy(() -> Snapshots.export(repo, "0123456789abcdef0123456789abcdef01234567", target))
                .isInstanceOf(UnknownCommitException.class)
                .hasMessageContaining("No commit '0123456789abcdef0123456789abcdef01234567'")
                .hasMessageContaining(repo.toString());
        assertThat(target).doesNotExist();
        assertThatThrownBy(() -> Snapshots.resolve(repo, "no-such-branch")).isInstanceOf(UnknownCommitException.class);
    }

    @Test
    void refusesANonEmptyTargetAndASourceThatIsNoRepository() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(target.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> Snapshots.export(repo, second, target))
                .isInstanceOf(WorkspaceException.class).hasMessageContaining("must be an empty directory");
        assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("mine");

        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThatThrownBy(() -> Snapshots.export(plain, "HEAD", tmp.resolve("x")))
                .isInstanceOf(SourceNotFoundException.class).hasMessageContaining("not a git repository");
    }

    @Test
    void exportsFromABareRepository() throws IOException {
        Path bare = tmp.resolve("bare.git");
        git(tmp, "clone", "-q", "--bare", repo.toString(), bare.toString());
        Snapshot s = Snapshots.export(bare, "main", tmp.resolve("from-bare"));
        assertThat(s.commit()).isEqualTo(second);
        assertThat(Files.exists(tmp.resolve("from-bare/latest"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
