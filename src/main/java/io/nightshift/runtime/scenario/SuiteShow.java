package io.nightshift.runtime.scenario;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What {@code scenarios show} prints: the files of the current version (by path) and every version, oldest first. */
public record SuiteShow(String name, Map<String, String> files, List<StoredSuite> history) {

    public SuiteShow {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        history = List.copyOf(history);
    }
}
