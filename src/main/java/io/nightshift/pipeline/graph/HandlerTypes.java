package io.nightshift.pipeline.graph;

import java.util.Map;

/** The canonical shape to handler-type mapping (attractor-spec 2.8, Appendix B). */
public final class HandlerTypes {

    public static final String START = "start";
    public static final String EXIT = "exit";
    public static final String CODERGEN = "codergen";
    public static final String WAIT_HUMAN = "wait.human";
    public static final String CONDITIONAL = "conditional";
    public static final String PARALLEL = "parallel";
    public static final String FAN_IN = "parallel.fan_in";
    public static final String TOOL = "tool";
    public static final String MANAGER_LOOP = "stack.manager_loop";

    private static final Map<String, String> BY_SHAPE = Map.of(
            "Mdiamond", START,
            "Msquare", EXIT,
            "box", CODERGEN,
            "hexagon", WAIT_HUMAN,
            "diamond", CONDITIONAL,
            "component", PARALLEL,
            "tripleoctagon", FAN_IN,
            "parallelogram", TOOL,
            "house", MANAGER_LOOP);

    private HandlerTypes() {
    }

    /** The handler type of a shape; unknown shapes fall back to codergen, as the registry does. */
    public static String forShape(String shape) {
        return BY_SHAPE.getOrDefault(shape, CODERGEN);
    }

    public static boolean isKnownShape(String shape) {
        return BY_SHAPE.containsKey(shape);
    }

    public static Map<String, String> byShape() {
        return BY_SHAPE;
    }
}
