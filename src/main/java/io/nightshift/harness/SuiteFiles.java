package io.nightshift.harness;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A suite's files as text, keyed by path relative to the suite folder ({@code suite.yaml}, {@code *.feature}). */
public record SuiteFiles(Map<String, String> files) {
    public SuiteFiles {
        files = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /**
     * The suite's version: the first 12 hex digits of a sha-256 over every file, in the order of the UTF-8 bytes of
     * their paths, each as path, newline, byte length in decimal, newline, content. The store computes the same
     * ({@code scenario-store/store.py}), so identical content is always the same version.
     */
    public String contentHash() {
        List<byte[]> paths = new ArrayList<>();
        files.keySet().forEach(p -> paths.add(p.getBytes(StandardCharsets.UTF_8)));
        paths.sort(Arrays::compareUnsigned);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] path : paths) {
                byte[] content = files.get(new String(path, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                digest.update(path);
                digest.update((byte) '\n');
                digest.update(Integer.toString(content.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) '\n');
                digest.update(content);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
