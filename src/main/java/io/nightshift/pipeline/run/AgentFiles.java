package io.nightshift.pipeline.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Reads files a sandbox could have written (stage directories, {@code status.json}, the workspace) as data only:
 * never through a symbolic link (a link to {@code /etc/shadow} is refused, not followed), only plain files (a FIFO
 * would block the reading thread forever, a device would never end), and with a size cap. Every path component
 * below {@code root} is checked, so a linked directory cannot lead out either. Refusals say what was wrong with
 * the file and never quote its content.
 */
public final class AgentFiles {

    /** Enough for any status file; larger ones are refused. */
    public static final long STATUS_LIMIT = 1024 * 1024;

    private AgentFiles() {
    }

    /** A file that exists but is not something Nightshift reads: a link, a FIFO or device, or too large. */
    public static final class RefusedFileException extends IOException {
        public RefusedFileException(Path file, String why) {
            super(file + " " + why);
        }
    }

    /**
     * The bytes of {@code file} (inside {@code root}), at most {@code limit} of them; empty when it does not exist.
     *
     * @throws RefusedFileException when it is a link, not a plain file, or larger than {@code limit}
     */
    public static Optional<byte[]> read(Path root, Path file, long limit) throws IOException {
        Optional<BasicFileAttributes> attrs = plainFile(root, file);
        if (attrs.isEmpty()) {
            return Optional.empty();
        }
        if (attrs.get().size() > limit) {
            throw new RefusedFileException(file, "is " + attrs.get().size() + " bytes, more than the " + limit
                    + " read from a sandbox");
        }
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // a file that grows while it is read is cut at the limit below
            }
            if (buf.position() > limit) {
                throw new RefusedFileException(file, "grew beyond the " + limit + " bytes read from a sandbox");
            }
            byte[] out = new byte[buf.position()];
            buf.flip().get(out);
            return Optional.of(out);
        }
    }

    /**
     * A stream over {@code file} (inside {@code root}) for serving it whole; empty when it does not exist.
     *
     * @throws RefusedFileException when it or a directory on the way is a link, or it is not a plain file
     */
    public static Optional<InputStream> open(Path root, Path file) throws IOException {
        if (plainFile(root, file).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Channels.newInputStream(
                Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)));
    }

    /** Whether {@code file} is a plain file reached from {@code root} through no link (false when missing). */
    public static boolean isPlainFile(Path root, Path file) {
        try {
            return plainFile(root, file).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<BasicFileAttributes> plainFile(Path root, Path file) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        Path target = file.toAbsolutePath().normalize();
        if (!target.startsWith(base) || target.equals(base)) {
            throw new RefusedFileException(file, "is not inside " + base);
        }
        Path at = base;
        for (Path part : base.relativize(target)) {
            at = at.resolve(part);
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(at, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            if (attrs.isSymbolicLink()) {
                throw new RefusedFileException(at, "is a symbolic link; Nightshift does not follow links a sandbox"
                        + " could have made");
            }
            if (at.equals(target)) {
                if (!attrs.isRegularFile()) {
                    throw new RefusedFileException(at, attrs.isDirectory() ? "is a directory, not a file"
                            : "is a FIFO, socket or device, not a plain file");
                }
                return Optional.of(attrs);
            }
            if (!attrs.isDirectory()) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
