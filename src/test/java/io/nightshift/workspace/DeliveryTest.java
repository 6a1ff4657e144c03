package io.nightshift.workspace;

import static io.nightshift.workspace.GitCli.git;
import static io.nightshift.workspace.GitCli.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryTest {

    @TempDir
    Path tmp;

    Path source;
    String sourceHead;

    @BeforeEach
    void source() throws IOException {
        source = GitCli.sourceRepo(tmp);
        sourceHead = git(source, "rev-parse", "HEAD").strip();
    }

    /** Three stage commits (text, binary, deletion) and a merged parallel branch. */
    private Workspace runWithWork() throws IOException {
        Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r", tmp.resolve("ws")));
        write(ws.directory(), "src/app.txt", "line 1\nline two\nline 3\nline 4\n");
        write(ws.directory(), "docs/plan.md", "# Plan\n\n- do it\n");
        ws.commit().stage("plan", "Plan the work", 1).outcome("success").call();
        try (Workspace branch = ws.fork("docs", ws.head(), tmp.resolve("fork"))) {
            write(branch.directory(), "docs/extra.md", "more docs\n");
            String docs = branch.commit().stage("docs", "Write docs", 1).call().head();
            byte[] binary = new byte[20_000];
            new Random(7).nextBytes(binary);
            Files.createDirectories(ws.directory().resolve("assets"));
            Files.write(ws.directory().resolve("assets/logo.bin"), binary);
            Files.delete(ws.directory().resolve("README.md"));
            ws.commit().stage("build", "Build it", 1).outcome("success").notes("Added a logo.").call();
            assertThat(ws.merge("docs", docs)).isInstanceOf(BranchMerge.Merged.class);
        }
        write(ws.directory(), "src/app.txt", "line 1\nline two\nline 3\n");
        ws.commit().stage("review", "Review | polish", 2).outcome("partial_success").call();
        return ws;
    }

    @Test
    void thePatchAppliesWithGitAmOnTheBaseAndYieldsTheSameTree() throws IOException {
        try (Workspace ws = runWithWork()) {
            Deliverables d = ws.deliver(tmp.resolve("out"), false);
            assertThat(d.patch()).isEqualTo(tmp.resolve("out/changes.patch"));
            assertThat(d.commitCount()).isEqualTo(4);
            String patch = Files.readString(d.patch());
            assertThat(patch).startsWith("From " + git(ws.directory(), "rev-parse", "HEAD~3").strip()
                    + " Mon Sep 17 00:00:00 2001\nFrom: Nightshift <nightshift@localhost>\nDate: ");
            assertThat(patch).contains("Subject: [PATCH 1/4] plan: Plan the work\n")
                    .contains("Subject: [PATCH 4/4] review: Review | polish\n").contains("\n---\n")
                    .contains("GIT binary patch");

            Path fresh = tmp.resolve("fresh");
            git(tmp, "clone", "-q", source.toString(), fresh.toString());
            git(fresh, "checkout", "-q", "-b", "apply", sourceHead);
            git(fresh, "am", "-q", d.patch().toString());
            assertThat(git(fresh, "rev-parse", "HEAD^{tree}").strip())
                    .isEqualTo(git(ws.directory(), "rev-parse", "HEAD^{tree}").strip());
            assertThat(git(fresh, "log", "--format=%s", sourceHead + "..HEAD").lines().toList()).containsExactly(
                    "review: Review | polish", "Merge docs into nightshift/r", "build: Build it", "plan: Plan the work");
            assertThat(git(fresh, "log", "-1", "--format=%B", "HEAD~2"))
                    .contains("Outcome: success", "Added a logo.", "Nightshift-Node: build", "Nightshift-Attempt: 1");
        }
    }

    @Test
    void theBundleVerifiesAgainstTheSourceAndCarriesTheRunBranch() throws IOException {
        try (Workspace ws = runWithWork()) {
            Deliverables d = ws.deliver(tmp.resolve("out"), false);
            Path fresh = tmp.resolve("fresh");
            git(tmp, "clone", "-q", source.toString(), fresh.toString());
            GitCli.Result verify = GitCli.run(fresh, "bundle", "verify", d.bundle().toString());
            assertThat(verify.exit()).as(verify.err()).isZero();
            assertThat(verify.out() + verify.err()).contains("refs/heads/nightshift/r");
            git(fresh, "fetch", "-q", d.bundle().toString(), "refs/heads/nightshift/r:refs/heads/from-bundle");
            assertThat(git(fresh, "rev-parse", "from-bundle").strip()).isEqualTo(ws.head());
        }
    }

    @Test
    void theSummaryListsEveryCommitWithItsNumbersAndTotals() throws IOException {
        try (Workspace ws = runWithWork()) {
            Deliverables d = ws.deliver(tmp.resolve("out"), false);
            String summary = Files.readString(d.summary());
            String plan = git(ws.directory(), "rev-parse", "HEAD~3").strip();
            String build = git(ws.directory(), "rev-parse", "HEAD~2").strip();
            String review = ws.head();
            assertThat(summary).contains("| 1 | `" + plan + "` | plan: Plan the work | 2 | 5 | 1 |");
            assertThat(summary).contains("| 2 | `" + build + "` | build: Build it | 2 | 0 | 1 |");
            assertThat(summary).contains("| 4 | `" + review + "` | review: Review \\| polish | 1 | 0 | 1 |");
            assertThat(summary).contains("| | | **Total** | 5 | 6 | 3 |");
            assertThat(summary).contains("- `assets/logo.bin` binary");
        }
    }

    @Test
    void aLocalSourceGetsTheRunBranchWhileItsCheckoutStaysUntouched() throws IOException {
        write(source, "wip.txt", "user's own uncommitted work\n");
        try (Workspace ws = runWithWork()) {
            Deliverables d = ws.deliver(tmp.resolve("out"), false);
            assertThat(d.push()).isEqualTo(new PushOutcome.LocalRefUpdated(source.toString(),
                    "refs/heads/nightshift/r", ws.head()));
            assertThat(git(source, "rev-parse", "nightshift/r").strip()).isEqualTo(ws.head());
            assertThat(git(source, "symbolic-ref", "HEAD").strip()).isEqualTo("refs/heads/main");
            assertThat(git(source, "rev-parse", "HEAD").strip()).isEqualTo(sourceHead);
            assertThat(git(source, "status", "--porcelain")).isEqualTo("?? wip.txt\n");
            assertThat(source.resolve("README.md")).exists();
            assertThat(source.resolve("docs")).doesNotExist();
            write(ws.directory(), "late.txt", "late\n");
            ws.commit().stage("late", "Late", 1).call();
            assertThat(ws.deliver(tmp.resolve("out"), false).push())
                    .isInstanceOf(PushOutcome.LocalRefUpdated.class);
            assertThat(git(source, "rev-parse", "nightshift/r").strip()).isEqualTo(ws.head());
        }
    }

    @Test
    void refusesToMoveABranchTheSourceHasCheckedOut() throws IOException {
        try (Workspace ws = runWithWork()) {
            ws.deliver(tmp.resolve("out"), false);
            git(source, "checkout", "-q", "nightshift/r");
            write(ws.directory(), "late.txt", "late\n");
            String before = git(source, "rev-parse", "HEAD").strip();
            ws.commit().stage("late", "Late", 1).call();
            PushOutcome push = ws.deliver(tmp.resolve("out"), false).push();
            assertThat(push).isInstanceOfSatisfying(PushOutcome.Rejected.class,
                    r -> assertThat(r.reason()).contains("checked out"));
            assertThat(git(source, "rev-parse", "HEAD").strip()).isEqualTo(before);
        }
    }

    @Test
    void inPlaceWorkspacesAlreadyHaveTheBranchAndForksDoNotDeliver() throws IOException {
        try (Workspace ws = Workspaces.adopt(AdoptRequest.of(source, "r"))) {
            write(source, "x.txt", "x\n");
            ws.commit().stage("x", "X", 1).call();
            Deliverables d = ws.deliver(tmp.resolve("out"), false);
            assertThat(d.push()).isEqualTo(new PushOutcome.AlreadyInSource("refs/heads/nightshift/r", ws.head()));
            assertThat(d.commitCount()).isEqualTo(1);
            try (Workspace fork = ws.fork("f", ws.head(), tmp.resolve("f"))) {
                assertThatThrownBy(() -> fork.deliver(tmp.resolve("out2"), false))
                        .isInstanceOf(WorkspaceException.class).hasMessageContaining("merge the branch first");
            }
        }
    }
}
