package io.nightshift.pipeline.handler;

import java.util.List;
import java.util.Map;

/**
 * Ranks parallel candidates with a model when a fan-in node has a prompt (attractor-spec 4.9). Not wired to an
 * LLM yet: the runtime may register a {@link FanInHandler} with an implementation.
 */
@FunctionalInterface
interface LlmRanker {

    /** The id of the best candidate among {@code candidates} (each a {@code parallel.results} entry). */
    String best(String prompt, List<Map<String, Object>> candidates) throws Exception;
}
