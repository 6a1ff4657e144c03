package io.nightshift.pipeline.validate;

/** How a message names what it is about; built only when there is something to report. */
final class Owners {

    private Owners() {
    }

    static String describe(String nodeId, Diagnostic.EdgeRef edge) {
        if (edge != null) {
            return "edge " + edge;
        }
        return nodeId == null ? "the graph" : "node '" + nodeId + "'";
    }
}
