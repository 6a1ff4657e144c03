package io.nightshift.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.BundleWriter;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/** Writes the deliverables and hands the run branch back to the source. */
final class Delivery {

    private Delivery() {
    }

    static Deliverables deliver(Workspace ws, Repository repo, Path directory, boolean pushToRemote)
            throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        RevCommit head = Refs.commit(repo, ws.head());
        RevCommit base = Refs.commit(repo, ws.baseCommit());
        List<RunHistory.Step> steps = RunHistory.between(repo, base, head);
        Path patch = AtomicFiles.write(dir.resolve("changes.patch"), out -> PatchWriter.write(repo, steps, out));
        Path bundle = AtomicFiles.write(dir.resolve("run.bundle"), out -> {
            BundleWriter writer = new BundleWriter(repo);
            writer.include(Refs.heads(ws.branch()), head);
            if (!head.equals(base)) {
                try (RevWalk walk = new RevWalk(repo)) {
                    writer.assume(walk.parseCommit(base));
                }
            }
            writer.writeBundle(NullProgressMonitor.INSTANCE, out);
        });
        String summaryText = SummaryWriter.render(ws.runId(), ws.branch(), base.name(), head.name(), steps);
        Path summary = AtomicFiles.write(dir.resolve("summary.md"),
                out -> out.write(summaryText.getBytes(StandardCharsets.UTF_8)));
        PushOutcome push = push(ws, repo, head, pushToRemote);
        return new Deliverables(patch, bundle, summary, base.name(), head.name(), steps.size(), push);
    }

    private static PushOutcome push(Workspace ws, Repository repo, RevCommit head, boolean pushToRemote)
            throws IOException {
        Workspace.Source source = ws.sourceInfo();
        String ref = Refs.heads(ws.branch());
        switch (ws.kind()) {
            case IN_PLACE -> {
                return new PushOutcome.AlreadyInSource(ref, head.name());
            }
            case FORK -> throw new IllegalStateException("forks are not delivered");
            case CLONE -> {
            }
        }
        if (source.localRepository() == null && source.url() == null) {
            return new PushOutcome.Skipped("The run recorded no source for " + source.shown() + " (it was made before"
                    + " Nightshift kept the source in the run directory, out of the agent's reach); the branch is"
                    + " handed to no repository. The bundle and patch hold the work.");
        }
        if (source.localRepository() != null) {
            try (Repository target = Directories.open(source.localRepository())) {
                Ref checkedOut = target.exactRef(Constants.HEAD);
                if (checkedOut != null && checkedOut.isSymbolic() && checkedOut.getTarget().getName().equals(ref)) {
                    return new PushOutcome.Rejected(source.shown(), ref, ref + " is checked out in the source; Nightshift"
                            + " does not change a checked-out branch. Switch the source to another branch and deliver again.");
                }
            }
            return doPush(ws, repo, source, "+" + ref + ":" + ref, ref, head, true);
        }
        if (!pushToRemote) {
            return new PushOutcome.Skipped("The source " + source.shown() + " is remote; the run branch is pushed only"
                    + " when asked explicitly. The bundle and patch hold the work.");
        }
        return doPush(ws, repo, source, ref + ":" + ref, ref, head, false);
    }

    private static PushOutcome doPush(Workspace ws, Repository repo, Workspace.Source source, String spec, String ref,
                                      RevCommit head, boolean local) {
        try (Git git = Git.wrap(repo); SshAccess.Session transport = source.credentials().session()) {
            Iterable<PushResult> results = git.push().setRemote(source.url()).setRefSpecs(new RefSpec(spec))
                    .setCredentialsProvider(source.credentials().provider()).setTransportConfigCallback(transport)
                    .call();
            for (PushResult result : results) {
                RemoteRefUpdate update = result.getRemoteUpdate(ref);
                if (update == null) {
                    continue;
                }
                switch (update.getStatus()) {
                    case OK, UP_TO_DATE -> {
                        return local ? new PushOutcome.LocalRefUpdated(source.shown(), ref, head.name())
                                : new PushOutcome.Pushed(source.shown(), ref, head.name());
                    }
                    default -> {
                        String why = update.getMessage() == null ? "" : ": " + update.getMessage();
                        return new PushOutcome.Rejected(source.shown(), ref, "The source refused " + ref + " ("
                                + update.getStatus() + why + "); nothing was forced.");
                    }
                }
            }
            return new PushOutcome.Rejected(source.shown(), ref, "The source did not report on " + ref + ".");
        } catch (GitAPIException e) {
            WorkspaceException failure = Remotes.translate(e, source.url(), source.credentials(), "push to");
            return new PushOutcome.Rejected(source.shown(), ref, failure.getMessage());
        }
    }
}
