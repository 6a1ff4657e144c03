package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.HandlerTypes;
import io.nightshift.pipeline.graph.Node;
import java.util.Set;

/**
 * What kind of work a pipeline does, in the words the community's tools print: {@code PLANNING} (LLM stages only),
 * {@code EXECUTION} (tool stages only), {@code HYBRID} (both), {@code ROUTING} (neither: only gates and routing).
 */
public record PipelineSynopsis(String kind, int llmStages, int toolStages) {

    public static PipelineSynopsis of(Graph graph, Set<String> knownTypes) {
        int llm = 0;
        int tools = 0;
        for (Node n : graph.nodes().values()) {
            String type = effectiveType(n, knownTypes);
            if (type.equals(HandlerTypes.CODERGEN)) {
                llm++;
            } else if (type.equals(HandlerTypes.TOOL)) {
                tools++;
            }
        }
        String kind = llm > 0 && tools > 0 ? "HYBRID" : llm > 0 ? "PLANNING" : tools > 0 ? "EXECUTION" : "ROUTING";
        return new PipelineSynopsis(kind, llm, tools);
    }

    /** The handler a node runs with (attractor-spec 4.2): its type when registered, else its shape's, else codergen. */
    static String effectiveType(Node node, Set<String> knownTypes) {
        String type = node.type();
        return !type.isEmpty() && knownTypes.contains(type) ? type : HandlerTypes.forShape(node.shape());
    }

    /** One line, e.g. {@code kind: HYBRID (3 LLM stages, 2 tool stages)}. */
    public String line() {
        String detail = switch (kind) {
            case "HYBRID" -> plural(llmStages, "LLM stage") + ", " + plural(toolStages, "tool stage");
            case "PLANNING" -> "LLM stages only: " + llmStages;
            case "EXECUTION" -> "tool stages only: " + toolStages;
            default -> "no LLM or tool stages";
        };
        return "kind: " + kind + " (" + detail + ")";
    }

    private static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
