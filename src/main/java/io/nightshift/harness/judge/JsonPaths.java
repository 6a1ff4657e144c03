package io.nightshift.harness.judge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Dotted paths into JSON: {@code name}, {@code a.b}, {@code items[0].name}, {@code [2]}, {@code matrix[1][0]}; an
 * empty path or {@code $} is the document itself. Grammar: {@code path := ('$')? segment ('.' segment)*},
 * {@code segment := name? ('[' digits ']')*}.
 */
final class JsonPaths {

    private JsonPaths() {
    }

    /** The node at {@code path}, or the reason there is none. */
    record Found(JsonNode node, String missing) {
    }

    static Found find(JsonNode root, String path) {
        JsonNode node = root;
        String walked = "";
        for (Object step : parse(path)) {
            if (step instanceof Integer index) {
                if (!node.isArray()) {
                    return new Found(null, describe(walked) + " is " + kind(node) + ", not an array");
                }
                if (index >= node.size()) {
                    return new Found(null, describe(walked) + " has " + node.size() + " element(s), no [" + index + "]");
                }
                node = node.get(index);
                walked += "[" + index + "]";
            } else {
                String name = (String) step;
                if (!node.isObject()) {
                    return new Found(null, describe(walked) + " is " + kind(node) + ", not an object");
                }
                if (!node.has(name)) {
                    return new Found(null, describe(walked) + " has no field '" + name + "'");
                }
                node = node.get(name);
                walked += walked.isEmpty() ? name : "." + name;
            }
        }
        return new Found(node, null);
    }

    /** The steps of {@code path}: field names as strings, indexes as integers. */
    static List<Object> parse(String path) {
        List<Object> steps = new ArrayList<>();
        String p = path == null ? "" : path.trim();
        if (p.startsWith("$")) {
            p = p.substring(1);
            if (p.startsWith(".")) {
                p = p.substring(1);
            }
        }
        if (p.isEmpty()) {
            return steps;
        }
        for (String segment : p.split("\\.", -1)) {
            int bracket = segment.indexOf('[');
            String name = bracket < 0 ? segment : segment.substring(0, bracket);
            if (!name.isEmpty()) {
                steps.add(name);
            } else if (bracket != 0) {
                throw new IllegalArgumentException("empty field name in JSON path '" + path + "'");
            }
            String rest = bracket < 0 ? "" : segment.substring(bracket);
            while (!rest.isEmpty()) {
                int close = rest.indexOf(']');
                if (!rest.startsWith("[") || close < 2 || !rest.substring(1, close).matches("\\d+")) {
                    throw new IllegalArgumentException("bad index '" + rest + "' in JSON path '" + path
                            + "' (use name[0])");
                }
                steps.add(Integer.parseInt(rest.substring(1, close)));
                rest = rest.substring(close + 1);
            }
        }
        return steps;
    }

    private static String describe(String walked) {
        return walked.isEmpty() ? "the document" : "'" + walked + "'";
    }

    private static String kind(JsonNode node) {
        return node.isNull() ? "null" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** JSON equality with numbers compared by value ({@code 1} equals {@code 1.0}). */
    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            var names = a.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!b.has(n) || !same(a.get(n), b.get(n))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
