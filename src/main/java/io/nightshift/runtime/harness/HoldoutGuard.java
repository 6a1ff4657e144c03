package io.nightshift.runtime.harness;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides before a run starts whether its holdout judging may happen. Every suite counts as held out: whether a
 * suite discloses everything is known only to the store, and guessing wrong would show scenarios to an agent.
 */
public final class HoldoutGuard {

    /** The flag (CLI) and field (HTTP {@code allow_local_holdout}) that accept holdout suites on a local sandbox. */
    public static final String FLAG = "--allow-local-holdout";

    private HoldoutGuard() {
    }

    /**
     * Why the run must not start, or empty when it may.
     *
     * @param sandbox           {@code local} or {@code docker}
     * @param allowLocalHoldout the operator accepted that a local agent could read the host
     */
    public static Optional<String> refusal(Graph graph, String sandbox, boolean allowLocalHoldout,
            HarnessGateway gateway) {
        List<Node> judging = HarnessSettings.judgingNodes(graph);
        if (judging.isEmpty()) {
            return Optional.empty();
        }
        String where = describe(judging);
        if ("local".equals(sandbox) && !allowLocalHoldout) {
            return Optional.of("the pipeline judges against held-out scenarios (" + where + ") but its tools run "
                    + "on this machine (--sandbox local), where an agent could read the host, scenarios included. "
                    + "Run in the Docker sandbox (--sandbox docker), or pass " + FLAG + " to accept that knowingly.");
        }
        Set<String> suites = new TreeSet<>();
        judging.forEach(n -> suites.add(n.attrs().string(HarnessSettings.SUITE, "")));
        return gateway.refusal(suites).map(why -> why + " (the pipeline judges against held-out scenarios: " + where
                + ")");
    }

    private static String describe(List<Node> nodes) {
        StringBuilder out = new StringBuilder();
        for (Node n : nodes.subList(0, Math.min(3, nodes.size()))) {
            out.append(out.isEmpty() ? "" : ", ").append("node ").append(n.id()).append(" suite '")
                    .append(n.attrs().string(HarnessSettings.SUITE, "")).append("'");
        }
        return nodes.size() > 3 ? out + " and " + (nodes.size() - 3) + " more" : out.toString();
    }

    /** The gateway of this build: the isolated scenario store, judging in containers (or here for local runs). */
    public static HarnessGateway production(Map<String, String> environment) {
        return new StoreGateway(environment);
    }
}
