package io.nightshift.pipeline.graph;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * An immutable, insertion-ordered set of attributes. Typed reads never throw: a value that does not parse
 * reads as absent, and the {@code attribute_type} lint rule reports it, so the engine only ever sees
 * validated graphs.
 */
public final class Attributes {

    public static final Attributes EMPTY = new Attributes(Map.of());

    private final Map<String, Attribute> byKey;

    private Attributes(Map<String, Attribute> byKey) {
        this.byKey = byKey;
    }

    public static Attributes of(Collection<Attribute> attributes) {
        Map<String, Attribute> map = new LinkedHashMap<>();
        for (Attribute a : attributes) {
            map.put(a.key(), a);
        }
        return new Attributes(Collections.unmodifiableMap(map));
    }

    /** A copy with {@code key} set (replacing any previous value), as a transform would write it. */
    public Attributes with(String key, String value) {
        Map<String, Attribute> map = new LinkedHashMap<>(byKey);
        map.put(key, Attribute.synthetic(key, value));
        return new Attributes(Collections.unmodifiableMap(map));
    }

    /** A copy with the given attributes layered on top: theirs win. */
    public Attributes overriddenBy(Attributes top) {
        if (top.byKey.isEmpty()) {
            return this;
        }
        Map<String, Attribute> map = new LinkedHashMap<>(byKey);
        map.putAll(top.byKey);
        return new Attributes(Collections.unmodifiableMap(map));
    }

    public boolean has(String key) {
        return byKey.containsKey(key);
    }

    public Optional<Attribute> attribute(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public Optional<String> get(String key) {
        Attribute a = byKey.get(key);
        return a == null ? Optional.empty() : Optional.of(a.value());
    }

    public String string(String key, String fallback) {
        Attribute a = byKey.get(key);
        return a == null ? fallback : a.value();
    }

    public OptionalInt integer(String key) {
        Attribute a = byKey.get(key);
        if (a == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(a.value().trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    public OptionalDouble decimal(String key) {
        Attribute a = byKey.get(key);
        if (a == null) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(a.value().trim()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** {@code true}/{@code false} in any case; anything else reads as the fallback. */
    public boolean bool(String key, boolean fallback) {
        Attribute a = byKey.get(key);
        if (a == null) {
            return fallback;
        }
        String v = a.value().trim();
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        return fallback;
    }

    public Optional<Duration> duration(String key) {
        Attribute a = byKey.get(key);
        return a == null ? Optional.empty() : Durations.parse(a.value());
    }

    public Collection<Attribute> all() {
        return byKey.values();
    }

    /** Plain key to value view, for serialization and display. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        byKey.forEach((k, v) -> map.put(k, v.value()));
        return map;
    }

    public int size() {
        return byKey.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attributes other && asMap().equals(other.asMap());
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
