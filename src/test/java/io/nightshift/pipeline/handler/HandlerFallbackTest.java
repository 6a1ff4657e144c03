package io.nightshift.pipeline.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.graph.Attributes;
import io.nightshift.pipeline.graph.HandlerTypes;
import io.nightshift.pipeline.graph.Node;
import org.junit.jupiter.api.Test;

/** attractor-spec 4.2: an unknown type falls back to the shape's handler, an unknown shape to codergen. */
class HandlerFallbackTest {

    private static final Handler CODERGEN = stage -> null;
    private static final Handler HUMAN = stage -> null;

    private final HandlerRegistry registry = new HandlerRegistry()
            .register(HandlerTypes.CODERGEN, CODERGEN)
            .register(HandlerTypes.WAIT_HUMAN, HUMAN);

    @Test
    void anUnknownTypeOnAHexagonRunsTheHumanGate() {
        Node ask = Node.of("ask", Attributes.EMPTY.with("shape", "hexagon").with("type", "wait.human.freeform"));

        assertThat(registry.resolve(ask).type()).isEqualTo(HandlerTypes.WAIT_HUMAN);
    }

    @Test
    void anUnknownShapeRunsAsCodergen() {
        Node write = Node.of("write", Attributes.EMPTY.with("shape", "tab"));

        assertThat(registry.resolve(write).type()).isEqualTo(HandlerTypes.CODERGEN);
    }
}
