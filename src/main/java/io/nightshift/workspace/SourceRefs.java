package io.nightshift.workspace;

import java.io.IOException;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.FetchResult;

/** Resolves the REF of an intake in the freshly fetched clone. */
final class SourceRefs {

    private static final String REMOTE = "refs/remotes/origin/";

    private SourceRefs() {
    }

    static RevCommit resolve(Repository repo, String ref, FetchResult fetched, Workspace.Source origin,
                             List<String> warnings) throws IOException {
        if (ref == null || ref.isBlank() || ref.equals(Constants.HEAD)) {
            Ref head = fetched.getAdvertisedRef(Constants.HEAD);
            if (head == null || head.getObjectId() == null) {
                throw new UnknownRefException(Constants.HEAD, branches(repo), "The source " + origin.shown()
                        + " has no HEAD commit (is it empty?). Pass a branch, tag or commit as the ref"
                        + available(repo));
            }
            if (isDetached(head, origin)) {
                warnings.add("The source's HEAD is detached at " + head.getObjectId().name()
                        + "; the run starts from that commit.");
            }
            return Refs.commit(repo, head.getObjectId().name());
        }
        String name = ref.strip();
        String[] candidates = {
            REMOTE + name,
            name.startsWith(Constants.R_HEADS) ? REMOTE + name.substring(Constants.R_HEADS.length()) : null,
            name.startsWith("origin/") ? REMOTE + name.substring("origin/".length()) : null,
            Constants.R_TAGS + name,
            name,
        };
        for (String candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            ObjectId id = resolveQuietly(repo, candidate + "^{commit}");
            if (id != null) {
                return Refs.commit(repo, id.name());
            }
        }
        throw new UnknownRefException(name, branches(repo), "The ref '" + name + "' does not exist in the source "
                + origin.shown() + ". Pass an existing branch, tag or commit" + available(repo));
    }

    private static boolean isDetached(Ref head, Workspace.Source origin) throws IOException {
        if (head.isSymbolic()) {
            return false;
        }
        if (origin.localRepository() != null) {
            try (Repository source = Directories.open(origin.localRepository())) {
                Ref local = source.exactRef(Constants.HEAD);
                return local != null && !local.isSymbolic();
            }
        }
        return true;
    }

    private static ObjectId resolveQuietly(Repository repo, String revision) {
        try {
            return repo.resolve(revision);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<String> branches(Repository repo) throws IOException {
        return repo.getRefDatabase().getRefsByPrefix(REMOTE).stream()
                .map(r -> r.getName().substring(REMOTE.length())).filter(n -> !n.equals(Constants.HEAD))
                .sorted().limit(20).toList();
    }

    private static String available(Repository repo) throws IOException {
        List<String> names = branches(repo);
        return names.isEmpty() ? "." : " (branches: " + String.join(", ", names) + ").";
    }
}
