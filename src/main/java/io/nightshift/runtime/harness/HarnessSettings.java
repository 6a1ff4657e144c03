package io.nightshift.runtime.harness;

import io.nightshift.harness.Gate;
import io.nightshift.harness.GateRule;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a node asks of holdout judging: {@code harness.suite}, {@code harness.threshold} (a fraction in [0, 1];
 * absent: the suite's default), {@code harness.trials} (a positive integer; absent: the suite's), and for codergen
 * stages judged in place {@code harness.max_rounds} (default {@value #DEFAULT_MAX_ROUNDS}); and, overriding the
 * suite's, {@code harness.gate} ({@code point} or {@code lower_bound}), {@code harness.confidence} (of the Wilson
 * interval, strictly between 0 and 1) and {@code harness.max_trials} (adaptive trials per scenario up to this).
 */
public record HarnessSettings(String suite, Double threshold, Integer trials, int maxRounds, GateRule gate,
                              Double confidence, Integer maxTrials) {

    public HarnessSettings(String suite, Double threshold, Integer trials, int maxRounds) {
        this(suite, threshold, trials, maxRounds, null, null, null);
    }

    /** The node type of a harness node. */
    public static final String TYPE = "harness";
    public static final String SUITE = "harness.suite";
    public static final String THRESHOLD = "harness.threshold";
    public static final String TRIALS = "harness.trials";
    public static final String MAX_ROUNDS = "harness.max_rounds";
    public static final String GATE = "harness.gate";
    public static final String CONFIDENCE = "harness.confidence";
    public static final String MAX_TRIALS = "harness.max_trials";
    public static final int DEFAULT_MAX_ROUNDS = 3;

    /** Whether the node is a harness node or a stage judged in place. */
    public static boolean judges(Node node) {
        return TYPE.equals(node.type()) || node.attrs().has(SUITE);
    }

    /** The nodes of {@code graph} that judge against a suite. */
    public static List<Node> judgingNodes(Graph graph) {
        return graph.nodes().values().stream().filter(HarnessSettings::judges).toList();
    }

    /** The settings of a node that {@link #judges judges}; empty otherwise. */
    public static Optional<HarnessSettings> of(Node node) {
        if (!judges(node)) {
            return Optional.empty();
        }
        List<String> problems = problems(node);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("node '" + node.id() + "': " + String.join("; ", problems));
        }
        return Optional.of(new HarnessSettings(node.attrs().string(SUITE, "").strip(),
                node.attrs().get(THRESHOLD).map(v -> Double.parseDouble(v.strip())).orElse(null),
                node.attrs().get(TRIALS).map(v -> Integer.parseInt(v.strip())).orElse(null),
                node.attrs().get(MAX_ROUNDS).map(v -> Integer.parseInt(v.strip())).orElse(DEFAULT_MAX_ROUNDS),
                node.attrs().get(GATE).map(GateRule::parse).orElse(null),
                node.attrs().get(CONFIDENCE).map(v -> Double.parseDouble(v.strip())).orElse(null),
                node.attrs().get(MAX_TRIALS).map(v -> Integer.parseInt(v.strip())).orElse(null)));
    }

    /** What is wrong with the harness attributes of a judging node, one sentence each; empty when nothing. */
    public static List<String> problems(Node node) {
        List<String> out = new ArrayList<>();
        if (node.attrs().string(SUITE, "").isBlank()) {
            out.add(TYPE.equals(node.type())
                    ? "a harness node needs harness.suite, the name of a scenario suite in the store"
                    : "harness.suite is empty");
        }
        node.attrs().get(THRESHOLD).ifPresent(v -> {
            double t;
            try {
                t = Double.parseDouble(v.strip());
            } catch (NumberFormatException e) {
                out.add("harness.threshold '" + v + "' is not a number (a fraction between 0 and 1, e.g. 0.9)");
                return;
            }
            if (!(t >= 0 && t <= 1)) {
                out.add("harness.threshold " + v + " is outside [0, 1] (it is a fraction of trials, e.g. 0.9)");
            }
        });
        node.attrs().get(GATE).ifPresent(v -> {
            try {
                GateRule rule = GateRule.parse(v);
                node.attrs().get(THRESHOLD).ifPresent(t -> {
                    try {
                        String impossible = new Gate(rule, Gate.DEFAULT_CONFIDENCE, 1).impossibleAt(
                                Double.parseDouble(t.strip()));
                        if (impossible != null) {
                            out.add(GATE + ": " + impossible);
                        }
                    } catch (NumberFormatException e) {
                        // reported above
                    }
                });
            } catch (IllegalArgumentException e) {
                out.add(GATE + ": " + e.getMessage());
            }
        });
        node.attrs().get(CONFIDENCE).ifPresent(v -> {
            try {
                double c = Double.parseDouble(v.strip());
                if (c > 0 && c < 1) {
                    return;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            out.add(CONFIDENCE + " '" + v + "' is not a number strictly between 0 and 1 (the level of the Wilson "
                    + "interval, e.g. 0.95)");
        });
        positiveInteger(node, TRIALS, out);
        positiveInteger(node, MAX_TRIALS, out);
        positiveInteger(node, MAX_ROUNDS, out);
        return out;
    }

    private static void positiveInteger(Node node, String key, List<String> out) {
        node.attrs().get(key).ifPresent(v -> {
            try {
                if (Integer.parseInt(v.strip()) >= 1) {
                    return;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            out.add(key + " '" + v + "' is not a positive integer");
        });
    }
}
