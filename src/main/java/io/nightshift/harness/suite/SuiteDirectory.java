package io.nightshift.harness.suite;

import io.nightshift.harness.SuiteFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a suite folder: {@code suite.yaml}, every {@code *.feature} file below it and every file under
 * {@code twins/} (the twins' cassettes; paths relative to the folder, with {@code /}). Other files are not part of the suite and are left out; hidden files and folders are skipped.
 */
public final class SuiteDirectory {

    public static final String SETTINGS_FILE = "suite.yaml";
    /** Where a suite keeps its twins' cassettes. */
    public static final String TWINS_DIR = "twins/";

    private SuiteDirectory() {
    }

    /** @throws SuiteValidationException when the folder is missing or a file is unreadable or not UTF-8 */
    public static SuiteFiles read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new SuiteValidationException(List.of(new SuiteProblem(dir.toString(), 0,
                    "not a folder: a suite is a folder holding suite.yaml and .feature files")));
        }
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                boolean hidden = Stream.of(rel.split("/")).anyMatch(part -> part.startsWith("."));
                if (!hidden && (rel.equals(SETTINGS_FILE) || rel.endsWith(".feature") || rel.startsWith(TWINS_DIR))) {
                    files.put(rel, readUtf8(p, rel));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new SuiteValidationException(List.of(new SuiteProblem(dir.toString(), 0,
                    "cannot read the folder: " + e.getMessage())));
        }
        return new SuiteFiles(files);
    }

    private static String readUtf8(Path p, String rel) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(p)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SuiteValidationException(List.of(new SuiteProblem(rel, 0, "not UTF-8 text")));
        } catch (IOException e) {
            throw new SuiteValidationException(List.of(new SuiteProblem(rel, 0, "cannot read: " + e.getMessage())));
        }
    }
}
