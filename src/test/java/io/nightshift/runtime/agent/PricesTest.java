package io.nightshift.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.llm.Pricing;
import io.nightshift.runtime.UnusableInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricesTest {

    @Test
    void configurationOverridesTheCatalogAndAddsModelsItDoesNotKnow() {
        Prices prices = Prices.fromEnvironment(Map.of(Prices.VARIABLE, "sonnet=1/2, my-model=0.5/1.5/0.05"));
        assertThat(prices.of("claude-sonnet-4-5")).contains(new Pricing(1, 2, null, null));
        assertThat(prices.of("my-model")).contains(new Pricing(0.5, 1.5, 0.05, null));
        assertThat(prices.of("claude-haiku-4-5")).contains(new Pricing(1, 5, 0.1, 1.25));
        assertThat(prices.of("unknown-model")).isEmpty();
    }

    @Test
    void aBadEntryIsRefusedWithTheWayToWriteIt() {
        assertThatThrownBy(() -> Prices.fromEnvironment(Map.of(Prices.VARIABLE, "my-model=cheap")))
                .isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("my-model=cheap").hasMessageContaining("model=input/output");
    }
}
