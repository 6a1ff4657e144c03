package io.nightshift.llm;

import java.time.Duration;

/** High-level timeouts (unified-llm-spec 4.7): for the whole multi-step call and for each model call; null = none. */
public record TimeoutConfig(Duration total, Duration perStep) {

    public static TimeoutConfig total(Duration total) {
        return new TimeoutConfig(total, null);
    }
}
