package io.nightshift.workspace;

import java.util.List;

/** The result of merging a parallel branch's commit into the run branch. */
public sealed interface BranchMerge
        permits BranchMerge.FastForward, BranchMerge.Merged, BranchMerge.AlreadyMerged, BranchMerge.Conflict {

    /** Whether the run branch now contains the branch's commit. */
    default boolean successful() {
        return switch (this) {
            case FastForward f -> true;
            case Merged m -> true;
            case AlreadyMerged a -> true;
            case Conflict c -> false;
        };
    }

    /** The run branch moved forward to the branch's commit; no merge commit was needed. */
    record FastForward(String head) implements BranchMerge {
    }

    /** A new merge commit ({@code head}) with the previous head and the branch's commit as parents. */
    record Merged(String head) implements BranchMerge {
    }

    /** The run branch already contained the branch's commit; nothing changed. */
    record AlreadyMerged(String head) implements BranchMerge {
    }

    /** The changes conflict in {@code paths}; the run branch and working tree were left as they were. */
    record Conflict(String head, List<String> paths) implements BranchMerge {

        public Conflict {
            paths = List.copyOf(paths);
        }
    }
}
