package io.nightshift.workspace;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.io.BinaryHunkOutputStream;

/**
 * Writes commits as a {@code git format-patch} mailbox that {@code git am} applies: one message per commit with
 * From/Date/Subject headers, the message body, a diffstat after {@code ---}, then the diff. Binary changes are
 * written as git binary patches (deflated, base85 {@code literal} hunks, full index lines), streamed so a large
 * file is never held in memory.
 */
final class PatchWriter {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);
    private static final String BINARY_LINE = "Binary files differ\n";

    private PatchWriter() {
    }

    static void write(Repository repo, List<RunHistory.Step> steps, OutputStream out) throws IOException {
        int n = steps.size();
        try (ObjectReader reader = repo.newObjectReader()) {
            for (int i = 0; i < n; i++) {
                writeOne(repo, reader, steps.get(i), i + 1, n, out);
            }
        }
        out.flush();
    }

    private static void writeOne(Repository repo, ObjectReader reader, RunHistory.Step step, int index, int total,
                                 OutputStream out) throws IOException {
        RevCommit commit = step.commit();
        PersonIdent author = commit.getAuthorIdent();
        ZoneId zone = author.getZoneId() == null ? ZoneId.of("UTC") : author.getZoneId();
        StringBuilder head = new StringBuilder();
        head.append("From ").append(commit.name()).append(" Mon Sep 17 00:00:00 2001\n");
        head.append("From: ").append(author.getName()).append(" <").append(author.getEmailAddress()).append(">\n");
        head.append("Date: ").append(DATE.format(author.getWhenAsInstant().atZone(zone))).append('\n');
        head.append("Subject: [PATCH ").append(index).append('/').append(total).append("] ")
                .append(commit.getShortMessage()).append('\n');
        head.append("MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n");
        String body = body(commit.getFullMessage());
        if (!body.isEmpty()) {
            head.append(body).append('\n');
        }
        head.append("---\n").append(diffstat(step)).append('\n');
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        try (DiffFormatter scanner = RunHistory.formatter(repo)) {
            List<DiffEntry> entries = scanner.scan(step.parent() == null ? null : step.parent().getTree(),
                    commit.getTree());
            for (DiffEntry entry : entries) {
                writeEntry(repo, reader, scanner, entry, out);
            }
        }
        out.write("-- \nNightshift\n\n".getBytes(StandardCharsets.UTF_8));
    }

    private static void writeEntry(Repository repo, ObjectReader reader, DiffFormatter scanner, DiffEntry entry,
                                   OutputStream out) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (DiffFormatter diff = new DiffFormatter(text)) {
            diff.setRepository(repo);
            diff.setAbbreviationLength(40);
            diff.format(entry);
        }
        FileHeader header = scanner.toFileHeader(entry);
        if (header.getPatchType() == FileHeader.PatchType.UNIFIED) {
            text.writeTo(out);
            return;
        }
        String formatted = text.toString(StandardCharsets.UTF_8);
        int cut = formatted.lastIndexOf(BINARY_LINE);
        out.write((cut < 0 ? formatted : formatted.substring(0, cut)).getBytes(StandardCharsets.UTF_8));
        out.write("GIT binary patch\n".getBytes(StandardCharsets.US_ASCII));
        literal(reader, entry.getNewId(), out);
        literal(reader, entry.getOldId(), out);
    }

    private static void literal(ObjectReader reader, AbbreviatedObjectId id, OutputStream out) throws IOException {
        boolean missing = id == null || id.toObjectId().equals(org.eclipse.jgit.lib.ObjectId.zeroId());
        ObjectLoader loader = missing ? null : reader.open(id.toObjectId());
        long size = loader == null ? 0 : loader.getSize();
        out.write(("literal " + size + "\n").getBytes(StandardCharsets.US_ASCII));
        OutputStream shield = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
        try (DeflaterOutputStream deflated = new DeflaterOutputStream(new BinaryHunkOutputStream(shield))) {
            if (loader != null) {
                try (InputStream in = loader.openStream()) {
                    in.transferTo(deflated);
                }
            }
        }
        out.write('\n');
    }

    private static String body(String message) {
        String text = message.replace("\r\n", "\n");
        int end = text.indexOf("\n\n");
        if (end < 0) {
            return "";
        }
        String body = text.substring(end).strip();
        return body.isEmpty() ? "" : body + "\n";
    }

    private static String diffstat(RunHistory.Step step) {
        int width = step.files().stream().mapToInt(f -> f.path().length()).max().orElse(0);
        StringBuilder stat = new StringBuilder();
        for (RunHistory.FileStat file : step.files()) {
            stat.append(' ').append(file.path()).append(" ".repeat(width - file.path().length())).append(" | ");
            stat.append(file.binary() ? "Bin" : (file.insertions() + file.deletions()) + " "
                    + "+".repeat(Math.min(file.insertions(), 40)) + "-".repeat(Math.min(file.deletions(), 40)));
            stat.append('\n');
        }
        stat.append(' ').append(step.files().size()).append(step.files().size() == 1 ? " file changed" : " files changed")
                .append(", ").append(step.insertions()).append(" insertions(+), ").append(step.deletions())
                .append(" deletions(-)\n");
        return stat.toString();
    }
}
