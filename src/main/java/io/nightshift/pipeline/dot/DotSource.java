package io.nightshift.pipeline.dot;

import io.nightshift.pipeline.graph.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The text of one pipeline file, checked before parsing: bounded in size (so a huge file fails fast with one
 * line instead of an out-of-memory error), valid UTF-8, with any byte-order mark removed.
 */
public final class DotSource {

    /** The default size limit for a pipeline source: 4 MiB. */
    public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;

    private static final double MIB = 1024.0 * 1024.0;

    private final String fileName;
    private final String text;

    private DotSource(String fileName, String text) {
        this.fileName = fileName;
        this.text = text;
    }

    /** Reads a file with the default size limit. */
    public static DotSource read(Path file) throws DotSourceException {
        return read(file, DEFAULT_MAX_BYTES);
    }

    /** Reads a file, refusing anything over {@code maxBytes}. The file name is kept as the user gave it. */
    public static DotSource read(Path file, long maxBytes) throws DotSourceException {
        String name = file.toString();
        SourceLocation where = new SourceLocation(name, 0, 0);
        if (Files.isDirectory(file)) {
            throw new DotSourceException(where, "is a directory, not a pipeline file (give the path of a .dot file)", null);
        }
        if (!Files.exists(file)) {
            throw new DotSourceException(where, "no such file (check the path)", null);
        }
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw tooLarge(where, size, maxBytes);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                // Bounded read: a file that grows after the size check still cannot exceed the limit.
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            }
            if (bytes.length > maxBytes) {
                throw tooLarge(where, bytes.length, maxBytes);
            }
            return new DotSource(name, decode(name, bytes));
        } catch (NoSuchFileException e) {
            throw new DotSourceException(where, "no such file (check the path)", e);
        } catch (AccessDeniedException e) {
            throw new DotSourceException(where, "permission denied: the file is not readable", e);
        } catch (IOException e) {
            throw new DotSourceException(where, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** An in-memory source, checked against the default size limit. */
    public static DotSource of(String text, String fileName) throws DotSourceException {
        return of(text, fileName, DEFAULT_MAX_BYTES);
    }

    public static DotSource of(String text, String fileName, long maxBytes) throws DotSourceException {
        String name = fileName == null ? "<memory>" : fileName;
        if ((long) text.length() * 3 > maxBytes) {
            long size = text.getBytes(StandardCharsets.UTF_8).length;
            if (size > maxBytes) {
                throw tooLarge(new SourceLocation(name, 0, 0), size, maxBytes);
            }
        }
        String body = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        return new DotSource(name, body);
    }

    /** Decodes UTF-8 strictly; the first malformed byte is reported with its line and column. */
    static String decode(String name, byte[] bytes) throws DotSourceException {
        int offset = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(bytes.length - offset);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw badByte(name, bytes, offset, in.position());
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw badByte(name, bytes, offset, in.position());
        }
        out.flip();
        return out.toString();
    }

    private static DotSourceException badByte(String name, byte[] bytes, int start, int bad) {
        int line = 1;
        int column = 1;
        for (int i = start; i < bad; i++) {
            if (bytes[i] == '\n') {
                line++;
                column = 1;
            } else if ((bytes[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        String detail = String.format(Locale.ROOT,
                "invalid UTF-8 byte 0x%02x: pipeline sources must be UTF-8 text (re-save the file as UTF-8)",
                bytes[bad] & 0xFF);
        return new DotSourceException(new SourceLocation(name, line, column), detail,
                new CharacterCodingException());
    }

    private static DotSourceException tooLarge(SourceLocation where, long size, long maxBytes) {
        return new DotSourceException(where, String.format(Locale.ROOT,
                "%.1f MiB is over the %s limit for pipeline sources", size / MIB, formatLimit(maxBytes)), null);
    }

    private static String formatLimit(long maxBytes) {
        if (maxBytes % (1024 * 1024) == 0) {
            return maxBytes / (1024 * 1024) + " MiB";
        }
        if (maxBytes % 1024 == 0) {
            return maxBytes / 1024 + " KiB";
        }
        return maxBytes + " bytes";
    }

    /** The file name as the user gave it; {@code <memory>} for unnamed in-memory sources. */
    public String fileName() {
        return fileName;
    }

    /** The decoded text, without a byte-order mark. */
    public String text() {
        return text;
    }
}
