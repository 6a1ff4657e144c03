package io.nightshift.pipeline.handler;

import java.util.List;
import java.util.Map;

/**
 * Ranks parallel candidates with a model when a fan-in node has a prompt (attractor-spec 4.9).
 */
@FunctionalInterface
interface LlmRanker {

    /**
     * The model's choice among {@code candidates} (each a {@code parallel.results} entry).
     *
     * @return the chosen id, or an empty id with a note saying why the model chose none (the fan-in then falls
     *     back to the heuristic and says so)
     */
    Choice best(StageContext stage, String prompt, List<Map<String, Object>> candidates) throws Exception;

    /** The chosen candidate's id (empty when none) and what to say about the choice. */
    record Choice(String id, String note) {

        static Choice none(String why) {
            return new Choice("", why);
        }
    }
}
