package io.nightshift.pipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.pipeline.graph.SourceLocation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DoD 11.2 "lint results include rule name, severity, node/edge id and message", as lines and as JSON. */
class DiagnosticTest {

    private final ObjectMapper json = new ObjectMapper();

    private final Diagnostic edgeWarning = new Diagnostic("fidelity_valid", Severity.WARNING,
            "edge a -> b has unknown fidelity 'x'", null, new Diagnostic.EdgeRef("a", "b"), "use full",
            new SourceLocation("p.dot", 7, 12));

    @Test
    void printsTheCliLine() {
        assertThat(edgeWarning.toLine()).isEqualTo("p.dot:7:12: warning fidelity_valid: edge a -> b has unknown fidelity 'x'");
        assertThat(Diagnostic.error("start_node", "none", "add one", new SourceLocation("p.dot", 1, 1)).toLine())
                .isEqualTo("p.dot:1:1: error start_node: none");
    }

    @Test
    void serializesWithSnakeCaseFieldsAndLowerCaseSeverity() throws Exception {
        Diagnostic nodeError = new Diagnostic("shape_known", Severity.ERROR, "bad shape", "gate", null, "use hexagon",
                new SourceLocation("p.dot", 3, 5));

        JsonNode tree = json.readTree(json.writeValueAsString(DiagnosticJson.of(nodeError)));

        assertThat(tree.toString()).isEqualTo("{\"rule\":\"shape_known\",\"severity\":\"error\",\"message\":\"bad shape\","
                + "\"node_id\":\"gate\",\"edge\":null,\"fix\":\"use hexagon\",\"file\":\"p.dot\",\"line\":3,\"column\":5}");
        JsonNode edge = json.readTree(json.writeValueAsString(DiagnosticJson.of(edgeWarning)));
        assertThat(edge.get("edge").toString()).isEqualTo("{\"from\":\"a\",\"to\":\"b\"}");
        assertThat(edge.get("node_id").isNull()).isTrue();
        assertThat(edge.get("severity").asText()).isEqualTo("warning");
    }

    @Test
    void serializesTheValidateReport() throws Exception {
        String onlyWarnings = json.writeValueAsString(ValidationReportJson.of("p.dot", List.of(edgeWarning)));
        String withError = json.writeValueAsString(ValidationReportJson.of("p.dot", List.of(edgeWarning,
                Diagnostic.error("start_node", "none", "add one", new SourceLocation("p.dot", 1, 1)))));

        assertThat(json.readTree(onlyWarnings).get("valid").asBoolean()).isTrue();
        assertThat(onlyWarnings).startsWith("{\"file\":\"p.dot\",\"valid\":true,\"diagnostics\":[{\"rule\":\"fidelity_valid\"");
        assertThat(json.readTree(withError).get("valid").asBoolean()).isFalse();
        assertThat(json.readTree(withError).get("diagnostics")).hasSize(2);
    }
}
