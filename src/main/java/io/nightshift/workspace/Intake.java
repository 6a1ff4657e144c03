package io.nightshift.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * Intake by clone: a fresh repository in the target directory, the source's branches and tags fetched as
 * {@code origin}, the run branch created at REF and checked out. The source itself is only read.
 */
final class Intake {

    private static final String SOURCE_HEAD = "refs/nightshift/source-head";

    private Intake() {
    }

    static Workspace run(IntakeRequest request, Clock clock) {
        String source = request.source().strip();
        Workspace.Source origin = locate(source, request);
        Path dir = request.directory().toAbsolutePath().normalize();
        boolean existed = Files.exists(dir);
        Io.call("prepare " + dir, () -> {
            if (existed && (!Files.isDirectory(dir) || Directories.isNonEmpty(dir))) {
                throw new WorkspaceException("Cannot clone into " + dir + ": it exists and is not an empty directory."
                        + " Choose a new run directory or empty it.", false);
            }
            return Files.createDirectories(dir);
        });
        Remotes.Credentials credentials = origin.credentials();
        Repository repo = null;
        try {
            try (Repository created = Git.init().setDirectory(dir.toFile())
                    .setInitialBranch(Refs.runBranch(request.runId())).call().getRepository()) {
                // for people and the agent's own git; Nightshift never reads it back (the run records the source)
                StoredConfig config = created.getConfig();
                config.setString("remote", "origin", "url", origin.shown());
                config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
                config.setInt("gc", null, "auto", 0);
                config.save();
            }
            repo = Directories.open(dir);
            Git git = Git.wrap(repo);
            FetchResult fetched;
            try (SshAccess.Session transport = credentials.session()) {
                fetched = git.fetch().setRemote(origin.url()).setTagOpt(TagOpt.FETCH_TAGS)
                        .setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"))
                        .setCredentialsProvider(credentials.provider()).setTransportConfigCallback(transport).call();
                Ref head = fetched.getAdvertisedRef(Constants.HEAD);
                if (head != null && head.getObjectId() != null && !repo.getObjectDatabase().has(head.getObjectId())) {
                    git.fetch().setRemote(origin.url()).setRefSpecs(new RefSpec("+HEAD:" + SOURCE_HEAD))
                            .setCredentialsProvider(credentials.provider()).setTransportConfigCallback(transport)
                            .call();
                }
            } catch (GitAPIException e) {
                throw Remotes.translate(e, source, credentials, "clone");
            }
            List<String> warnings = new ArrayList<>();
            RevCommit start = SourceRefs.resolve(repo, request.ref(), fetched, origin, warnings);
            String branch = Refs.runBranch(request.runId());
            Refs.update(repo, Refs.heads(branch), start, null, "nightshift: run branch from " + describeRef(request));
            Refs.update(repo, Refs.baseRef(branch), start, null, "nightshift: run base");
            Refs.linkHead(repo, branch);
            DirCacheCheckout checkout = new DirCacheCheckout(repo, repo.lockDirCache(), start.getTree());
            checkout.setFailOnConflict(true);
            checkout.checkout();
            SourceChecks.warn(repo, start, warnings);
            Repository kept = repo;
            repo = null;
            return new Workspace(kept, request.runId(), branch, start.name(), Workspace.Kind.CLONE, origin,
                    request.settings(), clock, warnings);
        } catch (GitAPIException | IOException | RuntimeException e) {
            if (repo != null) {
                repo.close();
            }
            Directories.clean(dir, existed);
            throw switch (e) {
                case WorkspaceException w -> w;
                case GitAPIException g -> Remotes.translate(g, source, credentials, "clone");
                case IOException io -> new WorkspaceStorageException("Cannot clone " + origin.shown() + " into " + dir
                        + ": " + credentials.scrub(Remotes.redact(io.getMessage())), false, io);
                default -> (RuntimeException) e;
            };
        }
    }

    private static Workspace.Source locate(String source, IntakeRequest request) {
        if (Remotes.isUrl(source)) {
            String shown = Remotes.redact(source);
            Path filePath = Remotes.fileUrlPath(source);
            if (filePath != null && !Directories.isRepository(filePath)) {
                throw new RemoteUnreachableException(shown, "Cannot clone " + shown + ": no git repository at "
                        + filePath + (Files.exists(filePath) ? "" : " (the path does not exist)")
                        + ". Check the URL.", false);
            }
            Remotes.Credentials credentials = Remotes.credentials(source, request.env());
            if (credentials.isPresent() && !shown.equals(source)) {
                throw new IllegalArgumentException("The URL " + shown + " carries credentials and a token was also given;"
                        + " remove the credentials from the URL.");
            }
            return new Workspace.Source(shown, filePath, source, credentials);
        }
        Path path = Path.of(source).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new SourceNotFoundException(source, "Source " + path + " does not exist. Pass the path of a git"
                    + " repository or a URL (file://, https://, ssh://).");
        }
        if (!Files.isDirectory(path)) {
            throw new SourceNotFoundException(source, "Source " + path + " is a file, not a git repository. Pass the"
                    + " repository's directory.");
        }
        if (!Directories.isRepository(path)) {
            throw new SourceNotFoundException(source, "Source " + path + " is a directory but not a git repository"
                    + " (no .git in it). Run 'git init' there first, or work in place on it with --workspace.");
        }
        return new Workspace.Source(path.toString(), path, path.toUri().toString(), Remotes.Credentials.NONE);
    }

    private static String describeRef(IntakeRequest request) {
        return request.ref() == null ? "source HEAD" : request.ref();
    }
}
