package io.nightshift.sandbox.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading helpers shared by the file operations and the searches: binary sniffing and lenient UTF-8. */
final class TextFiles {

    /** How many leading bytes are inspected for a NUL byte. */
    public static final int SNIFF_BYTES = 8192;

    private TextFiles() {
    }

    /** True when the first {@link #SNIFF_BYTES} bytes contain a NUL byte, which text files never do. */
    public static boolean looksBinary(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SNIFF_BYTES);
            for (byte b : head) {
                if (b == 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A reader that decodes UTF-8 and replaces malformed bytes instead of failing. */
    public static BufferedReader lenientReader(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder));
    }

    /**
     * Reads one line with its terminator ({@code \n}, or the end of input); null at the end.
     * Unlike {@link BufferedReader#readLine} it keeps {@code \r\n} and the final newline, so lines concatenate
     * back to the file exactly.
     */
    public static String readLineKeepingEnd(BufferedReader reader) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = reader.read()) != -1) {
            line.append((char) c);
            if (c == '\n') {
                return line.toString();
            }
        }
        return line.isEmpty() ? null : line.toString();
    }
}
