package io.nightshift.runtime;

import io.nightshift.pipeline.PipelineException;
import io.nightshift.pipeline.graph.Node;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A codergen node's candidate attributes (issue 19): {@code candidates=N} (1 to {@value #MAX}; 1 or absent: a
 * single attempt), {@code candidate_models} and {@code candidate_profiles} (comma-separated, handed out to the
 * candidates in turn as their {@code llm_model} and {@code llm_provider}), {@code candidates.parallel} (how many run
 * at once, default all) and {@code candidates.early_stop}: {@code confident} (default: stop the others when a
 * candidate's lower confidence bound of satisfaction reaches the threshold), {@code satisfied} (when one is judged
 * satisfied by the suite's gate) or {@code never}.
 */
record CandidateSettings(int count, List<String> models, List<String> profiles, int parallel, EarlyStop earlyStop) {

    static final String COUNT = "candidates";
    static final String MODELS = "candidate_models";
    static final String PROFILES = "candidate_profiles";
    static final String PARALLEL = "candidates.parallel";
    static final String EARLY_STOP = "candidates.early_stop";
    static final int MAX = 16;

    enum EarlyStop { CONFIDENT, SATISFIED, NEVER }

    /** The node's settings; a count of 1 when it has no {@code candidates}. Bad values are a clear error. */
    static CandidateSettings of(Node node) {
        int count = whole(node, COUNT, 1);
        if (count < 1 || count > MAX) {
            throw bad(node, COUNT, "a whole number from 1 to " + MAX);
        }
        int parallel = whole(node, PARALLEL, count);
        if (parallel < 1) {
            throw bad(node, PARALLEL, "a whole number of at least 1");
        }
        String stop = node.attrs().get(EARLY_STOP).orElse("confident").strip().toLowerCase(Locale.ROOT);
        EarlyStop earlyStop = switch (stop) {
            case "confident" -> EarlyStop.CONFIDENT;
            case "satisfied" -> EarlyStop.SATISFIED;
            case "never" -> EarlyStop.NEVER;
            default -> throw bad(node, EARLY_STOP, "confident, satisfied or never");
        };
        return new CandidateSettings(count, list(node, MODELS), list(node, PROFILES), Math.min(parallel, count),
                earlyStop);
    }

    boolean several() {
        return count > 1;
    }

    /** Candidate {@code index}'s node (1-based): the stage's own, with its model and profile when given. */
    Node variant(Node node, int index) {
        Node out = node;
        if (!profiles.isEmpty()) {
            out = out.withAttr("llm_provider", profiles.get((index - 1) % profiles.size()));
        }
        if (!models.isEmpty()) {
            out = out.withAttr("llm_model", models.get((index - 1) % models.size()));
        }
        return out;
    }

    private static List<String> list(Node node, String key) {
        return node.attrs().get(key).map(v -> Arrays.stream(v.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }

    private static int whole(Node node, String key, int fallback) {
        String raw = node.attrs().get(key).orElse("").strip();
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw bad(node, key, "a whole number");
        }
    }

    private static PipelineException bad(Node node, String key, String expected) {
        return new PipelineException("node '" + node.id() + "' has " + key + "='" + node.attrs().get(key).orElse("")
                + "'; set it to " + expected + " (see README, Candidates)", false, null);
    }
}
