package io.nightshift.twin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads and writes {@link TwinScript}s as JSON or YAML (format in docs/twin.md). */
public final class TwinScripts {

    private static final ObjectMapper JSON = configure(new ObjectMapper());
    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));

    private TwinScripts() {
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Loads a script; {@code .json} files are JSON, everything else is read as YAML (a superset of JSON). */
    public static TwinScript load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new TwinScriptException(file, 0, 0, "cannot read script: " + e.getMessage(), e);
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        return parse(text, json, file);
    }

    /** Parses YAML (or JSON) script text; errors name {@code <script>} and the line. */
    public static TwinScript parse(String text) {
        return parse(text, false, null);
    }

    private static TwinScript parse(String text, boolean json, Path file) {
        if (text.isBlank()) {
            throw new TwinScriptException(file, 0, 0, "the script is empty; it needs 'steps' and/or 'rules'",
                    null);
        }
        try {
            TwinScript script = (json ? JSON : YAML).readValue(text, TwinScript.class);
            if (script == null) {
                throw new TwinScriptException(file, 0, 0, "the script is empty; it needs 'steps' and/or 'rules'",
                        null);
            }
            return script;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            int column = at == null ? 0 : at.getColumnNr();
            if (e instanceof UnrecognizedPropertyException unknown && line > 0) {
                // Records are built after their whole object is read, so Jackson reports the object's end;
                // point at the offending key instead, searching back from there.
                int[] key = findKey(text, unknown.getPropertyName(), line);
                if (key != null) {
                    line = key[0];
                    column = key[1];
                }
            }
            throw new TwinScriptException(file, line, column, problem(e), e);
        }
    }

    private static int[] findKey(String text, String name, int fromLine) {
        List<String> lines = text.lines().toList();
        Pattern key = Pattern.compile("(^|[\\s{,\\-])\"?" + Pattern.quote(name) + "\"?\\s*:");
        for (int i = Math.min(fromLine, lines.size()) - 1; i >= 0; i--) {
            Matcher m = key.matcher(lines.get(i));
            if (m.find()) {
                return new int[] {i + 1, m.end(1) + 1};
            }
        }
        return null;
    }

    private static String problem(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            message = cause.getMessage();
        }
        message = message.lines().findFirst().orElse(message).trim();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String path = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining());
            message += " (at " + (path.startsWith(".") ? path.substring(1) : path) + ")";
        }
        return message;
    }

    /** The script as pretty-printed JSON, readable by {@link #load}. */
    public static String toJson(TwinScript script) {
        try {
            return JSON.writeValueAsString(script);
        } catch (JsonProcessingException e) {
            throw new TwinException("cannot serialize script: " + e.getOriginalMessage(), false, e);
        }
    }

    /** Writes the script as JSON atomically (temporary file, then rename). */
    public static void write(TwinScript script, Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".twin-script", ".tmp");
            Files.writeString(tmp, toJson(script));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TwinException("cannot write script " + file + ": " + e.getMessage(), false, e);
        }
    }
}
