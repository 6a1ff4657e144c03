package io.nightshift.pipeline.engine;

import io.nightshift.pipeline.dot.DotParser;
import io.nightshift.pipeline.dot.DotSource;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.transform.PipelinePreparer;
import io.nightshift.pipeline.transform.PreparedPipeline;
import io.nightshift.pipeline.validate.LintRules;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** DOT text to a prepared graph, as the runtime would do it; fails the test on validation errors. */
public final class TestPipelines {

    private TestPipelines() {
    }

    public static Graph prepare(String dot, String... customTypes) {
        Set<String> types = new HashSet<>(LintRules.defaultHandlerTypes());
        types.addAll(List.of(customTypes));
        try {
            PreparedPipeline p = new PipelinePreparer(List.of(), List.of(), types)
                    .prepare(DotSource.of(dot, "test.dot"));
            if (!p.valid()) {
                throw new AssertionError("test pipeline is invalid: " + p.errors());
            }
            return p.graph();
        } catch (Exception e) {
            throw new AssertionError("test pipeline does not parse: " + e.getMessage(), e);
        }
    }

    /** Parsed and transformed but not validated, for graphs that break a lint rule on purpose. */
    public static Graph parseOnly(String dot) {
        try {
            return DotParser.parse(DotSource.of(dot, "test.dot"));
        } catch (Exception e) {
            throw new AssertionError("test pipeline does not parse: " + e.getMessage(), e);
        }
    }
}
