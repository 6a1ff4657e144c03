package io.nightshift.agent.patch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a {@link Patch} into file changes, checking every hunk against the current files first, so a patch
 * either applies entirely or changes nothing. Hunks are located as Appendix A describes: after the previous
 * hunk, near the {@code @@} hint when it is found, with {@link LineMatcher}'s lenient fallbacks.
 */
public final class PatchApplier {

    private final Function<String, String> reader;

    /** @param reader returns a file's text, or null when it does not exist */
    public PatchApplier(Function<String, String> reader) {
        this.reader = reader;
    }

    public List<FileChange> plan(Patch patch) {
        Map<String, String> pending = new HashMap<>();
        List<FileChange> changes = new ArrayList<>();
        for (Patch.Operation operation : patch.operations()) {
            switch (operation) {
                case Patch.AddFile add -> {
                    if (current(add.path(), pending) != null) {
                        throw new PatchException("Add File: " + add.path()
                                + " already exists; use '*** Update File:' to change it");
                    }
                    pending.put(add.path(), add.content());
                    changes.add(new FileChange.Write(add.path(), add.content(), "A " + add.path()));
                }
                case Patch.DeleteFile delete -> {
                    if (current(delete.path(), pending) == null) {
                        throw new PatchException("Delete File: " + delete.path() + " does not exist");
                    }
                    pending.put(delete.path(), null);
                    changes.add(new FileChange.Remove(delete.path(), "D " + delete.path()));
                }
                case Patch.UpdateFile update -> {
                    String before = current(update.path(), pending);
                    if (before == null) {
                        throw new PatchException("Update File: " + update.path()
                                + " does not exist; use '*** Add File:' to create it");
                    }
                    String after = applyHunks(update.path(), before, update.hunks());
                    if (update.moveTo() == null) {
                        pending.put(update.path(), after);
                        changes.add(new FileChange.Write(update.path(), after, "M " + update.path()));
                    } else {
                        pending.put(update.path(), null);
                        pending.put(update.moveTo(), after);
                        changes.add(new FileChange.Write(update.moveTo(), after,
                                "R " + update.path() + " -> " + update.moveTo()));
                        changes.add(new FileChange.Remove(update.path(), null));
                    }
                }
            }
        }
        return changes;
    }

    private String current(String path, Map<String, String> pending) {
        return pending.containsKey(path) ? pending.get(path) : reader.apply(path);
    }

    /** Applies the hunks of one file to its text. */
    public static String applyHunks(String path, String text, List<Patch.Hunk> hunks) {
        boolean trailingNewline = text.isEmpty() || text.endsWith("\n");
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (trailingNewline && !lines.isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        record Replacement(int index, int length, List<String> lines) {
        }
        List<Replacement> replacements = new ArrayList<>();
        int cursor = 0;
        for (int h = 0; h < hunks.size(); h++) {
            Patch.Hunk hunk = hunks.get(h);
            int from = cursor;
            LineMatcher.Match hint = hunk.contextHint() == null ? null
                    : LineMatcher.find(lines, List.of(hunk.contextHint()), cursor, false);
            if (hint != null) {
                from = hint.index();
            }
            if (hunk.oldLines().isEmpty()) {
                int at = hunk.endOfFile() || hint == null ? lines.size() : hint.index() + 1;
                replacements.add(new Replacement(at, 0, hunk.newLines()));
                cursor = at;
                continue;
            }
            LineMatcher.Match match = LineMatcher.find(lines, hunk.oldLines(), from, hunk.endOfFile());
            if (match == null && from != cursor) {
                match = LineMatcher.find(lines, hunk.oldLines(), cursor, hunk.endOfFile());
            }
            if (match == null) {
                throw new PatchException("Update File: " + path + ": hunk " + (h + 1) + " of " + hunks.size()
                        + (hunk.contextHint() == null ? "" : " (@@ " + hunk.contextHint() + ")")
                        + " does not match the file; expected these lines"
                        + (h > 0 ? " after the previous hunk" : "") + ":\n" + preview(hunk.oldLines())
                        + "\nRead the file again and rebuild the hunk from its current content.");
            }
            List<String> replacement = new ArrayList<>(hunk.newLines().size());
            for (int i = 0; i < hunk.newLines().size(); i++) {
                int context = hunk.contextIndex().get(i);
                replacement.add(context >= 0 ? lines.get(match.index() + context) : hunk.newLines().get(i));
            }
            replacements.add(new Replacement(match.index(), hunk.oldLines().size(), replacement));
            cursor = match.index() + hunk.oldLines().size();
        }
        for (int i = replacements.size() - 1; i >= 0; i--) {
            Replacement r = replacements.get(i);
            for (int k = 0; k < r.length(); k++) {
                lines.remove(r.index());
            }
            lines.addAll(r.index(), r.lines());
        }
        String joined = String.join("\n", lines);
        return lines.isEmpty() ? "" : joined + "\n";
    }

    private static String preview(List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(lines.size(), 8); i++) {
            out.append("  ").append(lines.get(i)).append('\n');
        }
        if (lines.size() > 8) {
            out.append("  ... (").append(lines.size() - 8).append(" more)\n");
        }
        return out.toString().stripTrailing();
    }
}
