package io.nightshift.llm.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Expected request bodies kept as reviewed JSON files under src/test/resources/llm/requests/. A body is compared
 * as a whole JSON tree. Run with {@code -Dgolden.write=true} to (re)write a file after reviewing a change.
 */
final class Golden {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path ROOT = Path.of("src/test/resources/llm/requests");

    private Golden() {
    }

    static void assertBody(String name, JsonNode actual) {
        Path file = ROOT.resolve(name + ".json");
        try {
            if (Boolean.getBoolean("golden.write")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, MAPPER.writeValueAsString(actual) + "\n");
                return;
            }
            if (!Files.exists(file)) {
                fail("no expected body " + file + "; review the request and run with -Dgolden.write=true:\n"
                        + MAPPER.writeValueAsString(actual));
            }
            assertThat(actual).as("request body vs " + file).isEqualTo(MAPPER.readTree(file.toFile()));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
