package io.nightshift.pipeline.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.dot.DotSource;
import io.nightshift.pipeline.validate.Diagnostic;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example pipelines under src/test/resources/pipelines/dot read from disk and prepare as expected. */
class ExamplePipelinesTest {

    private static List<Diagnostic> check(String name) throws URISyntaxException {
        Path file = Path.of(ExamplePipelinesTest.class.getResource("/pipelines/dot/" + name).toURI());
        return new PipelinePreparer().check(DotSource.read(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear.dot", "branch.dot", "subgraphs.dot"})
    void preparesTheCleanExamplesWithoutAnyDiagnostic(String name) throws URISyntaxException {
        assertThat(check(name)).isEmpty();
    }

    @Test
    void refusesTheHumanGateExampleStagesThatOnlyAppearInEdges() throws URISyntaxException {
        List<Diagnostic> d = check("multiline.dot");

        assertThat(d).extracting(Diagnostic::toLine).allSatisfy(line -> assertThat(line).contains("multiline.dot:"));
        // The spec's own example (2.13) names ship_it and fixes only in edges: a typo would look the same.
        assertThat(d).extracting(x -> x.rule() + " " + x.nodeId()).containsExactly("edge_target_exists ship_it",
                "edge_target_exists fixes", "prompt_on_llm_nodes ship_it", "prompt_on_llm_nodes fixes");
    }
}
