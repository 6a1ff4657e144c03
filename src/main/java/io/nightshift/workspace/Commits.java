package io.nightshift.workspace;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** Writing commits and comparing trees. */
final class Commits {

    private Commits() {
    }

    static ObjectId write(ObjectInserter inserter, ObjectId tree, List<? extends AnyObjectId> parents, Identity who,
                          Clock clock, String message) throws IOException {
        PersonIdent person = new PersonIdent(who.name(), who.email(), Instant.now(clock), ZoneId.of("UTC"));
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setParentIds(parents);
        commit.setAuthor(person);
        commit.setCommitter(person);
        commit.setMessage(message);
        ObjectId id = inserter.insert(commit);
        inserter.flush();
        return id;
    }

    /**
     * Paths that differ between two trees (either may be null: empty), sorted. Identical subtrees are skipped
     * without being read, so this costs what changed, not the size of the tree.
     */
    static List<String> changedPaths(Repository repo, ObjectId before, ObjectId after) throws IOException {
        List<String> paths = new ArrayList<>();
        try (ObjectReader reader = repo.newObjectReader(); TreeWalk walk = new TreeWalk(repo, reader)) {
            walk.addTree(iterator(reader, before));
            walk.addTree(iterator(reader, after));
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            while (walk.next()) {
                paths.add(walk.getPathString());
            }
        }
        paths.sort(null);
        return paths;
    }

    static AbstractTreeIterator iterator(ObjectReader reader, ObjectId tree) throws IOException {
        return tree == null ? new EmptyTreeIterator() : new CanonicalTreeParser(null, reader, tree);
    }
}
