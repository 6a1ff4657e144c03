package io.nightshift.pipeline.dot;

import io.nightshift.pipeline.graph.Graph;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Loads the example pipelines under src/test/resources/pipelines/dot. */
final class DotFixtures {

    private DotFixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(DotFixtures.class.getResource("/pipelines/dot/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Graph parseFixture(String name) {
        return DotParser.parse(DotSource.read(path(name)));
    }

    static Graph parseText(String text) {
        return DotParser.parse(DotSource.of(text, "test.dot"));
    }
}
