package io.nightshift.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonSchemaValidatorTest {

    private static final JsonNode SCHEMA = Json.parseOrNull("""
            {"type":"object","additionalProperties":false,"required":["cmd","mode"],
             "properties":{
               "cmd":{"type":"string"},
               "mode":{"type":"string","enum":["fast","safe"]},
               "timeout":{"type":["integer","null"]},
               "env":{"type":"object","additionalProperties":{"type":"string"}},
               "files":{"type":"array","items":{"type":"object","required":["path"],"properties":{"path":{"type":"string"}}}}}}""");

    private static java.util.List<String> check(String json) {
        return JsonSchemaValidator.validate(SCHEMA, Json.parseOrNull(json));
    }

    @Test
    void acceptsConformingValues() {
        assertThat(check("{\"cmd\":\"ls\",\"mode\":\"safe\",\"timeout\":null,\"env\":{\"A\":\"1\"},\"files\":[{\"path\":\"a\"}]}"))
                .isEmpty();
        assertThat(check("{\"cmd\":\"ls\",\"mode\":\"fast\",\"timeout\":30.0}")).isEmpty();
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        assertThat(check("{\"mode\":\"slow\",\"timeout\":1.5,\"env\":{\"A\":1},\"files\":[{\"name\":\"x\"}],\"extra\":true}"))
                .containsExactly(
                        "$: missing required property 'cmd'",
                        "$.mode: \"slow\" is not one of [\"fast\",\"safe\"]",
                        "$.timeout: expected one of [\"integer\",\"null\"] but got number",
                        "$.env.A: expected string but got integer",
                        "$.files[0]: missing required property 'path'",
                        "$: unexpected property 'extra'");
        assertThat(check("[]")).containsExactly("$: expected object but got array");
    }

    @Test
    void partialJsonClosesUnfinishedDocuments() {
        assertThat(PartialJson.parse("{\"a\": [1, 2")).isEqualTo(Json.parseOrNull("{\"a\":[1,2]}"));
        assertThat(PartialJson.parse("{\"a\": \"hel")).isEqualTo(Json.parseOrNull("{\"a\":\"hel\"}"));
        assertThat(PartialJson.parse("{\"a\": 1, \"b")).isEqualTo(Json.parseOrNull("{\"a\":1}"));
        assertThat(PartialJson.parse("{\"a\": 1, \"b\":")).isEqualTo(Json.parseOrNull("{\"a\":1,\"b\":null}"));
        assertThat(PartialJson.parse("```json\n{\"a\": tr")).isEqualTo(Json.parseOrNull("{}"));
        assertThat(PartialJson.parse("no json here")).isNull();
    }
}
