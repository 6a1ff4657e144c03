package io.nightshift.agent.patch;

import java.util.List;

/** A parsed v4a patch (coding-agent spec Appendix A): file operations in order. */
public record Patch(List<Operation> operations) {

    public Patch {
        operations = List.copyOf(operations);
    }

    /** One file operation. */
    public sealed interface Operation {
        String path();
    }

    record AddFile(String path, String content) implements Operation {
    }

    record DeleteFile(String path) implements Operation {
    }

    /** An update, optionally renaming the file to {@code moveTo}. */
    record UpdateFile(String path, String moveTo, List<Hunk> hunks) implements Operation {
        public UpdateFile {
            hunks = List.copyOf(hunks);
        }
    }

    /**
     * One {@code @@} hunk: the optional context hint after {@code @@}, the old lines (context and deletions) it
     * expects, the new lines (context and additions) it leaves, and whether it is anchored at the end of file.
     * {@code contextIndex[i]} is the index in {@code oldLines} of new line {@code i} when it is a context line
     * (so the file's own spelling of that line is kept), else -1.
     */
    record Hunk(String contextHint, List<String> oldLines, List<String> newLines, List<Integer> contextIndex,
                boolean endOfFile) {
        public Hunk {
            oldLines = List.copyOf(oldLines);
            newLines = List.copyOf(newLines);
            contextIndex = List.copyOf(contextIndex);
        }
    }
}
