package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.condition.Condition;
import io.nightshift.pipeline.condition.ConditionSyntaxException;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.pipeline.state.OutcomeScope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Supervises a child pipeline (attractor-spec 4.11). The child comes from {@code stack.child_dotfile} (node
 * attribute, else graph attribute; relative paths resolve against the parent DOT file's directory) and runs in
 * this process on its own engine, in {@code <stage>/child}. Each cycle (at most {@code manager.max_cycles},
 * default 1000) it observes the child into {@code context.stack.child.status}, {@code .outcome},
 * {@code .current_node} and {@code .completed_nodes}, ends when the child ended or
 * {@code manager.stop_condition} holds (or the context key named by {@code stop_condition_key} is set, as the
 * community conformance suite writes it), else waits up to {@code manager.poll_interval} (default 45s; or
 * {@code wait_ms}). Without {@code stack.child_dotfile} but with a stop condition, it waits for that condition on
 * the run's context, with no child. With {@code steer} in {@code manager.actions}, each stage the child starts gets the
 * manager's {@code prompt} once: written to the child stage's {@code steer.md} and handed to the agents working on
 * it ({@link ChildRun#steer}), which read it between two tool rounds as a user message.
 */
final class ManagerLoopHandler implements Handler {

    private static final String PREFIX = "context.stack.child.";

    private final GraphLoader loader;

    public ManagerLoopHandler(GraphLoader loader) {
        this.loader = loader;
    }

    @Override
    public Outcome execute(StageContext stage) throws InterruptedException {
        var attrs = stage.node().attrs();
        String nodeId = stage.node().id();
        String dotfile = attrs.string("stack.child_dotfile", stage.graph().attrs().string("stack.child_dotfile", ""));
        Duration poll = attrs.duration("manager.poll_interval")
                .orElse(attrs.integer("wait_ms").isPresent() ? Duration.ofMillis(attrs.integer("wait_ms").getAsInt())
                        : Duration.ofSeconds(45));
        String stopKey = attrs.string("stop_condition_key", "").strip();
        int maxCycles = Math.max(1, attrs.integer("manager.max_cycles").orElse(1000));
        String stopText = attrs.string("manager.stop_condition", "");
        List<String> actions = Arrays.stream(attrs.string("manager.actions", "observe,wait").split(","))
                .map(String::strip).toList();
        Condition stop;
        try {
            stop = Condition.parse(stopText);
        } catch (ConditionSyntaxException e) {
            return Outcome.fail("manager '" + nodeId + "': manager.stop_condition is invalid at column " + e.column()
                    + ": " + e.getMessage());
        }
        ChildRun child = null;
        // without a child, a manager that has a stop condition waits for it on the run's context
        boolean childless = dotfile.isEmpty() && (!stop.isEmpty() || !stopKey.isEmpty());
        if (attrs.bool("stack.child_autostart", true) && !childless) {
            if (dotfile.isEmpty()) {
                return Outcome.fail("manager '" + nodeId + "' has no stack.child_dotfile (set it on the node or graph)");
            }
            if (loader == null || stage.children() == null) {
                return Outcome.fail("manager '" + nodeId + "' cannot load child pipelines: no graph loader configured");
            }
            Graph childGraph = loader.load(resolve(stage.graph(), dotfile));
            child = stage.children().start(childGraph, stage.stageDir().resolve("child"));
        }
        String steering = actions.contains("steer") ? stage.node().prompt().replace("$goal", stage.graph().goal())
                : "";
        String steered = "";
        try {
            for (int cycle = 1; cycle <= maxCycles; cycle++) {
                if (child != null && actions.contains("observe")) {
                    stage.context().applyUpdates(observe(child));
                }
                if (child != null && !steering.isEmpty()) {
                    steered = steer(stage, child, steering, steered);
                }
                String status = stage.context().getString(PREFIX + "status");
                if (status.equals("completed") || status.equals("failed") || status.equals("cancelled")) {
                    Map<String, Object> last = child == null ? Map.of() : observe(child);
                    if (stage.context().getString(PREFIX + "outcome").equals("success")) {
                        return Outcome.success("Child completed").withContextUpdates(last);
                    }
                    return Outcome.fail("child pipeline " + status
                            + (child == null || child.failureReason().isEmpty() ? "" : ": " + child.failureReason()))
                            .withContextUpdates(last);
                }
                if (!stopKey.isEmpty() && truthy(stage.context().get(stopKey))) {
                    return Outcome.success("Stop key " + stopKey + " is set")
                            .withContextUpdates(child == null ? Map.of() : observe(child));
                }
                if (!stop.isEmpty() && stop.evaluate(OutcomeScope.contextOnly(stage.context()))) {
                    return Outcome.success("Stop condition satisfied: " + stopText)
                            .withContextUpdates(child == null ? Map.of() : observe(child));
                }
                if (actions.contains("wait") && cycle < maxCycles) {
                    if (child != null) {
                        child.awaitDone(poll);
                    } else {
                        Thread.sleep(poll.toMillis());
                    }
                }
            }
            return Outcome.fail("manager '" + nodeId + "': max_cycles (" + maxCycles + ") exceeded without the child"
                    + " ending or the stop condition holding; raise manager.max_cycles or check the stop condition");
        } finally {
            if (child != null && child.status().equals("running")) {
                child.cancel();
            }
        }
    }

    /** Steers the child's current stage once; returns the stage steered last. */
    private static String steer(StageContext stage, ChildRun child, String message, String steeredLast) {
        String current = child.currentNode();
        if (current == null || current.isEmpty() || current.equals(steeredLast) || !child.status().equals("running")
                || !current.matches("[A-Za-z0-9_.\\-]+") || current.startsWith(".")) {
            return steeredLast;
        }
        int reached = child.steer(message);
        if (reached == 0) {
            return steeredLast; // its agent has not started yet: try again next cycle
        }
        Path dir = stage.stageDir().resolve("child").resolve(current);
        if (java.nio.file.Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            io.nightshift.pipeline.run.AtomicFiles.writeString(dir.resolve("steer.md"), message, stage.fsync());
        }
        stage.context().applyUpdates(Map.of("stack.steer.last_node", current));
        return current;
    }

    private static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        String text = String.valueOf(value).strip();
        return !text.isEmpty() && !text.equalsIgnoreCase("false") && !text.equals("0");
    }

    private static Map<String, Object> observe(ChildRun child) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(PREFIX + "status", child.status());
        m.put(PREFIX + "outcome", child.outcome());
        m.put(PREFIX + "current_node", child.currentNode());
        m.put(PREFIX + "completed_nodes", child.completedNodes());
        return m;
    }

    private static Path resolve(Graph parent, String dotfile) {
        Path p = Path.of(dotfile);
        if (p.isAbsolute() || parent.sourceFile().isEmpty()) {
            return p;
        }
        Path dir = Path.of(parent.sourceFile()).toAbsolutePath().getParent();
        return dir == null ? p : dir.resolve(p);
    }

}
