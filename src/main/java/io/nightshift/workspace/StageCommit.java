package io.nightshift.workspace;

import java.util.List;

/** The result of a stage commit: a new commit, or none because nothing changed. */
public sealed interface StageCommit permits StageCommit.Committed, StageCommit.Unchanged {

    /** The run branch's head after the call (the new commit, or the unchanged head). */
    String head();

    /** Changed or new paths matching the deny list, left uncommitted (a directory ends with {@code /}). */
    List<String> deniedPaths();

    /** Human-readable warnings (large files, skipped nested repositories). */
    List<String> warnings();

    /**
     * A new commit on the run branch.
     *
     * @param changedPaths        paths whose content differs from the parent commit, sorted
     * @param largeFiles          committed paths above the large-file threshold
     * @param protectedViolations changed paths matching the protected patterns: the caller should fail the stage
     */
    record Committed(String commitId, String parentId, String subject, List<String> changedPaths,
                     List<String> deniedPaths, List<String> largeFiles, List<String> protectedViolations,
                     List<String> warnings) implements StageCommit {

        public Committed {
            changedPaths = List.copyOf(changedPaths);
            deniedPaths = List.copyOf(deniedPaths);
            largeFiles = List.copyOf(largeFiles);
            protectedViolations = List.copyOf(protectedViolations);
            warnings = List.copyOf(warnings);
        }

        @Override
        public String head() {
            return commitId;
        }
    }

    /** Nothing to commit: the working tree (minus denied and ignored paths) matches the head commit. */
    record Unchanged(String head, List<String> deniedPaths, List<String> warnings) implements StageCommit {

        public Unchanged {
            deniedPaths = List.copyOf(deniedPaths);
            warnings = List.copyOf(warnings);
        }
    }
}
