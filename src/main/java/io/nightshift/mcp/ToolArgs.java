package io.nightshift.mcp;

import io.nightshift.runtime.wiring.Caller;
import java.util.Map;

/**
 * A tool call's arguments, read with messages that name the argument and say what it takes. The SDK checks the
 * arguments against each tool's input schema first; these checks are what a schema cannot say (ranges, one of two).
 */
final class ToolArgs {

    /** A refusal of the call's arguments; its message goes back to the caller as the tool's error. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final String tool;
    private final Map<String, Object> values;
    private final Caller caller;

    ToolArgs(String tool, Map<String, Object> values, Caller caller) {
        this.tool = tool;
        this.values = values == null ? Map.of() : values;
        this.caller = caller;
    }

    /** Who called the tool (the owner and role of their token). */
    Caller caller() {
        return caller;
    }

    String tool() {
        return tool;
    }

    String string(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new Refused(tool + ": '" + name + "' must be a string, got " + kind(v));
        }
        return s.isBlank() ? null : s;
    }

    String required(String name) {
        String v = string(name);
        if (v == null) {
            throw new Refused(tool + ": '" + name + "' is required");
        }
        return v;
    }

    boolean flag(String name) {
        Object v = values.get(name);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw new Refused(tool + ": '" + name + "' must be true or false, got " + kind(v));
        }
        return b;
    }

    long number(String name, long fallback, long min, long max) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new Refused(tool + ": '" + name + "' must be a whole number, got " + kind(v));
        }
        long l = n.longValue();
        if (l < min || l > max) {
            throw new Refused(tool + ": '" + name + "' must be between " + min + " and " + max + ", got " + l);
        }
        return l;
    }

    @SuppressWarnings("unchecked")
    Map<String, String> strings(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m) || !m.values().stream().allMatch(x -> x instanceof String)) {
            throw new Refused(tool + ": '" + name + "' must be an object of string values, got " + kind(v));
        }
        return (Map<String, String>) m;
    }

    private static String kind(Object v) {
        return switch (v) {
            case String s -> "a string";
            case Boolean b -> "a boolean";
            case Number n -> "the number " + n;
            case Map<?, ?> m -> "an object";
            case java.util.List<?> l -> "a list";
            default -> v.getClass().getSimpleName();
        };
    }
}
