package io.nightshift.pipeline.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.pipeline.graph.Attributes;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.state.Outcome;
import org.junit.jupiter.api.Test;

/** attractor-spec 4.2. */
class HandlerRegistryTest {

    private final HandlerRegistry registry = Handlers.builtIns(null, null, null, null, null);

    private static Node node(String shape, String type) {
        Attributes a = Attributes.EMPTY.with("shape", shape);
        return Node.of("n", type.isEmpty() ? a : a.with("type", type));
    }

    @Test
    void explicitTypeWinsOverShape() {
        assertThat(registry.resolve(node("box", "wait.human")).type()).isEqualTo("wait.human");
    }

    @Test
    void shapeDecidesWithoutType() {
        assertThat(registry.resolve(node("parallelogram", "")).type()).isEqualTo("tool");
        assertThat(registry.resolve(node("house", "")).type()).isEqualTo("stack.manager_loop");
        assertThat(registry.resolve(node("tripleoctagon", "")).type()).isEqualTo("parallel.fan_in");
    }

    @Test
    void unknownTypeAndShapeFallBackToCodergen() {
        assertThat(registry.resolve(node("egg", "nobody_registered_this")).type()).isEqualTo("codergen");
    }

    @Test
    void registeringAgainReplacesTheHandler() {
        Handler mine = stage -> Outcome.success("mine");
        registry.register("codergen", mine);
        assertThat(registry.resolve(node("box", "")).handler()).isSameAs(mine);
    }

    @Test
    void registeringWithoutATypeIsRejected() {
        assertThatThrownBy(() -> registry.register(" ", stage -> Outcome.success()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
