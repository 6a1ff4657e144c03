package io.nightshift.workspace;

import static io.nightshift.workspace.GitCli.git;
import static io.nightshift.workspace.GitCli.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkMergeTest {

    @TempDir
    Path tmp;

    @Test
    void forksWorkInSeparateDirectoriesAndMergeBack() throws IOException {
        Path source = GitCli.sourceRepo(tmp);
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r", tmp.resolve("ws")))) {
            String fork = ws.head();
            try (Workspace a = ws.fork("a", fork, tmp.resolve("branches/a"));
                 Workspace b = ws.fork("b", fork, tmp.resolve("branches/b"))) {
                assertThat(a.branch()).isEqualTo("nightshift-parallel/r/a");
                assertThat(Files.readString(a.directory().resolve("README.md"))).isEqualTo("hello\n");
                write(a.directory(), "a.txt", "from a\n");
                write(b.directory(), "b.txt", "from b\n");
                String aHead = a.commit().stage("branch_a", "A", 1).call().head();
                String bHead = b.commit().stage("branch_b", "B", 1).call().head();
                assertThat(ws.directory().resolve("a.txt")).doesNotExist();
                assertThat(git(a.directory(), "status", "--porcelain")).isEmpty();
                assertThat(git(ws.directory(), "worktree", "list")).contains(tmp.resolve("branches/a").toString());

                assertThat(ws.merge("branch a", aHead)).isEqualTo(new BranchMerge.FastForward(aHead));
                BranchMerge second = ws.merge("branch b", bHead);
                assertThat(second).isInstanceOf(BranchMerge.Merged.class);
                assertThat(second.successful()).isTrue();
                assertThat(git(ws.directory(), "log", "-1", "--format=%P").strip()).isEqualTo(aHead + " " + bHead);
                assertThat(Files.readString(ws.directory().resolve("a.txt"))).isEqualTo("from a\n");
                assertThat(Files.readString(ws.directory().resolve("b.txt"))).isEqualTo("from b\n");
                assertThat(git(ws.directory(), "status", "--porcelain")).isEmpty();
                assertThat(ws.merge("branch a again", aHead)).isInstanceOf(BranchMerge.AlreadyMerged.class);
            }
        }
    }

    @Test
    void forksAKilledRunLeftAreRemovedOnReopenKeepingTheirWorkOnRefs() throws IOException {
        Path source = GitCli.sourceRepo(tmp);
        String aHead;
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r", tmp.resolve("ws")));
             Workspace a = ws.fork("a", ws.head(), tmp.resolve("branches/a"));
             Workspace b = ws.fork("b", ws.head(), tmp.resolve("branches/b"))) {
            write(a.directory(), "a.txt", "committed in a\n");
            aHead = a.commit().stage("a", "A", 1).call().head();
            write(b.directory(), "half.txt", "b was killed mid-stage\n");
            // the process dies here: nothing discards the forks
        }
        try (Workspace ws = Workspaces.open(tmp.resolve("ws"), "r", java.util.Map.of(), WorkspaceSettings.defaults(),
                java.time.Clock.systemUTC())) {

            java.util.List<String> removed = ws.discardStaleForks();

            assertThat(removed).containsExactly(tmp.resolve("branches/a").toString(),
                    tmp.resolve("branches/b") + " (uncommitted work kept on refs/nightshift/r/interrupted/1)");
            assertThat(tmp.resolve("branches")).isEmptyDirectory();
            assertThat(git(ws.directory(), "worktree", "list", "--porcelain").lines()
                    .filter(l -> l.startsWith("worktree ")).toList()).containsExactly("worktree " + ws.directory());
            assertThat(git(ws.directory(), "show", "refs/nightshift/r/interrupted/1:half.txt"))
                    .isEqualTo("b was killed mid-stage\n");
            assertThat(git(ws.directory(), "rev-parse", "nightshift-parallel/r/a").strip()).isEqualTo(aHead);
            assertThat(ws.discardStaleForks()).isEmpty();
            Workspace again = ws.fork("a", ws.head(), tmp.resolve("branches/a"));
            assertThat(again.directory().resolve("README.md")).exists();
            again.discard();
        }
    }

    @Test
    void aConflictReturnsThePathsAndLeavesTheRunBranchAlone() throws IOException {
        Path source = GitCli.sourceRepo(tmp);
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r", tmp.resolve("ws")))) {
            String fork = ws.head();
            try (Workspace a = ws.fork("a", fork, tmp.resolve("a"));
                 Workspace b = ws.fork("b", fork, tmp.resolve("b"))) {
                write(a.directory(), "src/app.txt", "a's version\n");
                write(b.directory(), "src/app.txt", "b's version\n");
                write(b.directory(), "README.md", "b also\n");
                String aHead = a.commit().stage("a", "A", 1).call().head();
                String bHead = b.commit().stage("b", "B", 1).call().head();
                ws.merge("a", aHead);
                BranchMerge result = ws.merge("b", bHead);
                assertThat(result).isEqualTo(new BranchMerge.Conflict(aHead, java.util.List.of("src/app.txt")));
                assertThat(result.successful()).isFalse();
                assertThat(ws.head()).isEqualTo(aHead);
                assertThat(Files.readString(ws.directory().resolve("src/app.txt"))).isEqualTo("a's version\n");
                assertThat(git(ws.directory(), "status", "--porcelain")).isEmpty();
            }
        }
    }

    @Test
    void forksCommitConcurrentlyAndADiscardedForkKeepsItsBranch() throws Exception {
        Path source = GitCli.sourceRepo(tmp);
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r", tmp.resolve("ws")))) {
            String fork = ws.head();
            Workspace a = ws.fork("a", fork, tmp.resolve("a"));
            Workspace b = ws.fork("b", fork, tmp.resolve("b"));
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.List<java.util.concurrent.Future<String>> heads = new java.util.ArrayList<>();
                for (Workspace branch : java.util.List.of(a, b)) {
                    heads.add(pool.submit(() -> {
                        String head = null;
                        for (int i = 1; i <= 5; i++) {
                            write(branch.directory(), "file" + i + ".txt", branch.branch() + " " + i + "\n");
                            head = branch.commit().stage("n", "N", i).call().head();
                        }
                        return head;
                    }));
                }
                String aHead = heads.get(0).get();
                String bHead = heads.get(1).get();
                assertThat(git(ws.directory(), "rev-list", "--count", fork + ".." + aHead).strip()).isEqualTo("5");
                assertThat(git(ws.directory(), "rev-list", "--count", fork + ".." + bHead).strip()).isEqualTo("5");
                a.discard();
                assertThat(tmp.resolve("a")).doesNotExist();
                assertThat(git(ws.directory(), "worktree", "list")).doesNotContain(tmp.resolve("a").toString())
                        .contains(tmp.resolve("b").toString());
                assertThat(git(ws.directory(), "rev-parse", "nightshift-parallel/r/a").strip()).isEqualTo(aHead);
                assertThat(ws.merge("a", aHead)).isInstanceOf(BranchMerge.FastForward.class);
            } finally {
                pool.shutdownNow();
                b.close();
            }
        }
    }

    /** Branches of one parallel node fork at the same moment; each fork (ref, reflog, worktree) must succeed. */
    @Test
    void branchesForkingAtTheSameMomentAllGetTheirWorktree() throws Exception {
        Path source = GitCli.sourceRepo(tmp);
        for (int round = 0; round < 8; round++) {
            Path root = tmp.resolve("round" + round);
            try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r", root.resolve("ws")))) {
                String head = ws.head();
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(4);
                try {
                    java.util.List<java.util.concurrent.Future<String>> forks = new java.util.ArrayList<>();
                    for (String name : java.util.List.of("a", "b", "c", "d")) {
                        forks.add(pool.submit(() -> {
                            together.await();
                            try (Workspace fork = ws.fork(name, head, root.resolve("branches/" + name))) {
                                write(fork.directory(), name + ".txt", name + "\n");
                                return fork.commit().stage("s_" + name, name, 1).call().head();
                            }
                        }));
                    }
                    for (java.util.concurrent.Future<String> fork : forks) {
                        assertThat(fork.get()).isNotEqualTo(head);
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }
}
