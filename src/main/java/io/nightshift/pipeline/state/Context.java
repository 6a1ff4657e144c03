package io.nightshift.pipeline.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The run's shared key-value store and log (attractor-spec 5.1). Thread-safe: every method may be called from
 * parallel branches. Setting a key to {@code null} removes it. Values are expected to be JSON-serialisable data;
 * maps and lists are deep-copied by {@link #snapshot()} and {@link #copy()}.
 */
public final class Context {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Object> values = new HashMap<>();
    private final List<String> logs = new ArrayList<>();

    public Context() {
    }

    public Context(Map<String, ?> initial) {
        applyUpdates(initial);
    }

    public void set(String key, Object value) {
        lock.writeLock().lock();
        try {
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, value);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public Object get(String key) {
        lock.readLock().lock();
        try {
            return values.get(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    public Object get(String key, Object fallback) {
        Object v = get(key);
        return v == null ? fallback : v;
    }

    public String getString(String key, String fallback) {
        Object v = get(key);
        return v == null ? fallback : String.valueOf(v);
    }

    public String getString(String key) {
        return getString(key, "");
    }

    public boolean has(String key) {
        return get(key) != null;
    }

    public void appendLog(String entry) {
        lock.writeLock().lock();
        try {
            logs.add(entry);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public List<String> logs() {
        lock.readLock().lock();
        try {
            return List.copyOf(logs);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A deep copy of all values, sorted by key so serialised checkpoints are stable. */
    public Map<String, Object> snapshot() {
        lock.readLock().lock();
        try {
            Map<String, Object> copy = new TreeMap<>();
            values.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return copy;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** An isolated deep copy (values and logs), as each parallel branch gets (attractor-spec 3.8). */
    public Context copy() {
        Context c = new Context();
        lock.readLock().lock();
        try {
            values.forEach((k, v) -> c.values.put(k, deepCopy(v)));
            c.logs.addAll(logs);
        } finally {
            lock.readLock().unlock();
        }
        return c;
    }

    /** Merges updates atomically; null values remove their keys. */
    public void applyUpdates(Map<String, ?> updates) {
        if (updates == null || updates.isEmpty()) {
            return;
        }
        lock.writeLock().lock();
        try {
            updates.forEach((k, v) -> {
                if (v == null) {
                    values.remove(k);
                } else {
                    values.put(k, v);
                }
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Replaces values and logs, as a resume restores them from a checkpoint. */
    public void restore(Map<String, ?> newValues, List<String> newLogs) {
        lock.writeLock().lock();
        try {
            values.clear();
            newValues.forEach((k, v) -> {
                if (v != null) {
                    values.put(k, v);
                }
            });
            logs.clear();
            logs.addAll(newLogs);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(k, deepCopy(x)));
            return copy;
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(x -> copy.add(deepCopy(x)));
            return copy;
        }
        return v;
    }
}
