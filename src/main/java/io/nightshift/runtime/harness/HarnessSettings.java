package io.nightshift.runtime.harness;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a node asks of holdout judging: {@code harness.suite}, {@code harness.threshold} (a fraction in [0, 1];
 * absent: the suite's default), {@code harness.trials} (a positive integer; absent: the suite's), and for codergen
 * stages judged in place {@code harness.max_rounds} (default {@value #DEFAULT_MAX_ROUNDS}).
 */
public record HarnessSettings(String suite, Double threshold, Integer trials, int maxRounds) {

    /** The node type of a harness node. */
    public static final String TYPE = "harness";
    public static final String SUITE = "harness.suite";
    public static final String THRESHOLD = "harness.threshold";
    public static final String TRIALS = "harness.trials";
    public static final String MAX_ROUNDS = "harness.max_rounds";
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
                node.attrs().get(MAX_ROUNDS).map(v -> Integer.parseInt(v.strip())).orElse(DEFAULT_MAX_ROUNDS)));
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
        positiveInteger(node, TRIALS, out);
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
