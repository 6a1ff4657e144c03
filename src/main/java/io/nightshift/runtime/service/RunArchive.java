package io.nightshift.runtime.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A run directory as a zip, how it travels between the service and a worker with no shared disk (issue 18,
 * docs/workers.md). Only directories and regular files travel: links and special files are left out, never
 * followed. Extracting treats the archive as hostile: no absolute names, no {@code ..}, nothing written through a
 * link, a cap on the bytes written, and each file lands whole (temp file + rename).
 */
public final class RunArchive {

    private RunArchive() {
    }

    /** Writes {@code dir}'s directories and regular files to {@code out}, leaving out the top-level {@code skip}. */
    public static void write(Path dir, OutputStream out, Set<String> skip) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        ZipOutputStream zip = new ZipOutputStream(out);
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(p -> !p.equals(root)).sorted().toList();
        }
        for (Path p : paths) {
            Path rel = root.relativize(p);
            if (skip.contains(rel.getName(0).toString()) || rel.toString().contains(".tmp-")) {
                continue;
            }
            String name = rel.toString().replace('\\', '/');
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                zip.putNextEntry(new ZipEntry(name + "/"));
                zip.closeEntry();
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                zip.putNextEntry(new ZipEntry(name));
                try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                    in.transferTo(zip);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // removed while the run went on: the entry stays empty, the next upload has the truth
                }
                zip.closeEntry();
            }
        }
        zip.finish();
        zip.flush();
    }

    /**
     * Extracts {@code in} into {@code dir}, leaving alone the top-level {@code skip} names (the receiver's own files).
     *
     * @throws IOException when the archive is unreadable, names a path outside {@code dir} or through a link, or
     *         holds more than {@code maxBytes}
     */
    public static void extract(InputStream in, Path dir, Set<String> skip, long maxBytes) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        long written = 0;
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            String name = e.getName();
            Path target = root.resolve(name).normalize();
            if (name.startsWith("/") || name.contains("\\") || !target.startsWith(root) || target.equals(root)) {
                throw new IOException("run archive entry '" + name + "' points outside the run directory");
            }
            if (skip.contains(root.relativize(target).getName(0).toString())) {
                continue;
            }
            checkNoLinks(root, target.getParent());
            if (e.isDirectory()) {
                if (Files.isSymbolicLink(target)) {
                    throw new IOException("run archive entry '" + name + "' would go through a link");
                }
                Files.createDirectories(target);
                continue;
            }
            Files.createDirectories(target.getParent());
            checkNoLinks(root, target.getParent());
            Path temp = target.resolveSibling(".tmp-" + target.getFileName() + "-" + System.nanoTime());
            try (OutputStream out = Files.newOutputStream(temp, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[65536];
                for (int n = zip.read(buffer); n >= 0; n = zip.read(buffer)) {
                    written += n;
                    if (written > maxBytes) {
                        throw new IOException("run archive holds more than " + maxBytes + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException | RuntimeException ex) {
                Files.deleteIfExists(temp);
                throw ex;
            }
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(temp);
                throw new FileAlreadyExistsException(target.toString(), null, "a directory of that name exists");
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void checkNoLinks(Path root, Path dir) throws IOException {
        for (Path p = dir; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new IOException("run archive would write through the link " + root.relativize(p));
            }
        }
    }
}
