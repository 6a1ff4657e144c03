package io.nightshift.harness;

import java.util.Map;
import java.util.TreeMap;

/** A suite's files as text, keyed by path relative to the suite folder ({@code suite.yaml}, {@code *.feature}). */
public record SuiteFiles(Map<String, String> files) {
    public SuiteFiles {
        files = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }
}
