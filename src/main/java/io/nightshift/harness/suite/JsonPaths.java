package io.nightshift.harness.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;

/**
 * The field paths of JSON expectations: names joined by dots, with {@code [n]} indexes ({@code items[0].name},
 * {@code [2]}, {@code meta.count}); a name is any text without {@code .}, {@code [} or {@code ]}.
 */
final class JsonPaths {

    private static final Pattern PATH = Pattern.compile("(?:[^.\\[\\]]+|\\[\\d+])(?:\\.[^.\\[\\]]+|\\[\\d+])*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonPaths() {
    }

    static boolean valid(String path) {
        return PATH.matcher(path).matches();
    }

    /** Whether {@code text} is exactly one JSON value. */
    static boolean isJsonValue(String text) {
        try (var parser = JSON.createParser(text)) {
            if (JSON.readTree(parser) == null) {
                return false;
            }
            return parser.nextToken() == null;
        } catch (JsonProcessingException e) {
            return false;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
