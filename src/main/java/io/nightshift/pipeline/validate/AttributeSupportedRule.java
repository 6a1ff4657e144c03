package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Attribute;
import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.graph.DialectAliases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code attribute_supported} (Nightshift, WARNING): every attribute is one Nightshift reads, or a Graphviz drawing
 * attribute (which only affects pictures). Anything else is ignored at run time, and the warning names it, with the
 * equivalent when another implementation's name for a supported attribute is known. Keys in a namespace Nightshift
 * owns ({@code tool_hooks.}, {@code human.}, {@code manager.} ...) are left to the rules of their handlers.
 */
final class AttributeSupportedRule implements LintRule {

    /** attractor-spec 2.5 to 2.7 and Appendix A, plus Nightshift's own; read by the engine, handlers or runtime. */
    private static final Set<String> NODE = Set.of("label", "shape", "type", "prompt", "max_retries", "goal_gate",
            "retry_target", "fallback_retry_target", "fidelity", "thread_id", "class", "timeout", "llm_model",
            "llm_provider", "reasoning_effort", "auto_status", "allow_partial", "tool_command", "join_policy",
            "max_parallel", "error_policy", "retry_policy", "max_visits", "context_updates", "judge_model",
            "stop_condition_key", "wait_ms", "candidates", "candidate_models", "candidate_profiles");
    private static final Set<String> EDGE = Set.of("label", "condition", "weight", "fidelity", "thread_id",
            "loop_restart");
    private static final Set<String> GRAPH = Set.of("goal", "label", "model_stylesheet", "default_max_retries",
            "default_max_retry", "retry_target", "fallback_retry_target", "default_fidelity", "default_thread_id",
            "llm_model", "llm_provider", "reasoning_effort", "max_visits", "stage.max_bytes");
    private static final List<String> NAMESPACES = List.of("tool_hooks.", "human.", "manager.", "stack.",
            "harness.", "candidates.", "sandbox.", "workspace.", "parallel.", "retry_");

    /** Graphviz attributes that change only how the graph is drawn (graphviz.org/doc/info/attrs.html). */
    private static final Set<String> DRAWING = Set.copyOf(List.of("color", "fillcolor", "fontcolor", "fontname", "fontsize",
            "style", "penwidth", "margin", "width", "height", "fixedsize", "peripheries", "pos", "xlabel", "tooltip",
            "URL", "href", "target", "group", "rank", "rankdir", "ranksep", "nodesep", "splines", "compound",
            "concentrate", "bgcolor", "labelloc", "labeljust", "size", "ratio", "dpi", "ordering", "newrank",
            "arrowhead", "arrowtail", "arrowsize", "dir", "constraint", "headport", "tailport", "lhead", "ltail",
            "minlen", "headlabel", "taillabel", "labelfontsize", "labelfontcolor", "labelfontname", "labelangle",
            "labeldistance", "decorate", "samehead", "sametail", "sides", "skew", "distortion", "orientation",
            "regular", "image", "imagescale", "layer", "layers", "center", "pad", "outputorder", "overlap", "sep",
            "esep", "forcelabels", "id", "comment", "charset", "nojustify", "fontpath", "labelfloat", "rotate",
            "landscape", "page", "quantum", "remincross", "searchsize", "truecolor", "viewport", "len",
            "gradientangle", "area", "root", "edgetooltip", "headtooltip", "tailtooltip", "labeltooltip",
            "edgeURL", "headURL", "tailURL", "labelURL", "edgehref", "headhref", "tailhref", "labelhref", "stylesheet",
            "fontnames", "clusterrank", "mclimit", "nslimit", "searchsize", "splines", "labelangle", "z", "vertices",
            "xlp", "lp", "bb", "head_lp", "tail_lp", "showboxes", "K", "mode", "model", "start", "epsilon", "maxiter",
            "normalize", "packmode", "pack", "sortv", "levelsgap", "voro_margin", "notranslate", "inputscale",
            "diredgeconstraints", "dimen", "dim", "defaultdist", "damping", "repulsiveforce", "smoothing",
            "beautify"));

    /** Names other implementations use, with what to write here instead. */
    private static final Map<String, String> EQUIVALENTS = Map.of(
            "is_codergen", "type=codergen (or shape=box, the default)",
            "model", "llm_model",
            "provider", "llm_provider");

    /** Names other implementations use for something Nightshift decides elsewhere, with where. */
    private static final Map<String, String> DECIDED_ELSEWHERE = Map.of(
            "max_agent_turns", "the agent's turn limit comes from its provider profile");

    @Override
    public String name() {
        return "attribute_supported";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        List<Diagnostic> out = new ArrayList<>();
        for (Attribute a : graph.attrs().all()) {
            // Graphviz's `model` graph attribute is a layout setting; any other value is the LLM dialect.
            boolean layoutModel = a.key().equals("model") && !DialectAliases.isGraphAlias(a.key(), a.value());
            if (!supported(a.key(), GRAPH) && !layoutModel || a.key().equals("model") && !layoutModel) {
                out.add(warning(graph, "graph attribute", a, DialectAliases.canonicalGraph(a.key()), null, null));
            }
        }
        for (Node n : graph.nodes().values()) {
            for (Attribute a : n.attrs().all()) {
                if (!supported(a.key(), NODE) || a.key().equals("model")) {
                    out.add(warning(graph, "attribute of node '" + n.id() + "':", a,
                            DialectAliases.canonical(a.key()), n.id(), null));
                }
            }
        }
        for (Edge e : graph.edges()) {
            for (Attribute a : e.attrs().all()) {
                if (!supported(a.key(), EDGE)) {
                    out.add(warning(graph, "attribute of edge " + e + ":", a, null, null, Diagnostic.EdgeRef.of(e)));
                }
            }
        }
        return out;
    }

    private static boolean supported(String key, Set<String> known) {
        if (known.contains(key) || DRAWING.contains(key) && !EQUIVALENTS.containsKey(key)) {
            return true;
        }
        for (String ns : NAMESPACES) {
            if (key.startsWith(ns)) {
                return true;
            }
        }
        return false;
    }

    private Diagnostic warning(Graph graph, String what, Attribute a, String canonical, String nodeId,
            Diagnostic.EdgeRef edge) {
        String message;
        String fix;
        if (canonical != null) {
            message = what + " '" + a.key() + "' is ignored: it names '" + canonical + "', which is set too";
            fix = "keep only " + canonical;
        } else if (EQUIVALENTS.containsKey(a.key())) {
            message = what + " '" + a.key() + "' is not supported and is ignored; Nightshift's equivalent is "
                    + EQUIVALENTS.get(a.key());
            fix = "write " + EQUIVALENTS.get(a.key()) + " instead";
        } else if (DECIDED_ELSEWHERE.containsKey(a.key())) {
            message = what + " '" + a.key() + "' is not supported and is ignored: "
                    + DECIDED_ELSEWHERE.get(a.key());
            fix = "remove it";
        } else {
            message = what + " '" + a.key() + "' is not supported and is ignored";
            fix = "remove it, or check its spelling against attractor-spec Appendix A";
        }
        return new Diagnostic(name(), Severity.WARNING, message, nodeId, edge, fix,
                Where.attribute(Where.graph(graph), a));
    }
}
