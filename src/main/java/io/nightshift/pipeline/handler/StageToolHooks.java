package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;

/**
 * The shell commands a stage wants run around each LLM tool call (attractor-spec 9.7): {@code tool_hooks.pre} and
 * {@code tool_hooks.post}, node attribute over graph attribute; empty when unset. The engine resolves them per
 * stage and hands them to the {@link CodergenBackend} in its {@link StageCall}; the agent runs them.
 */
public record StageToolHooks(String pre, String post) {

    public static final StageToolHooks NONE = new StageToolHooks("", "");

    public StageToolHooks {
        pre = pre == null ? "" : pre.strip();
        post = post == null ? "" : post.strip();
    }

    public static StageToolHooks resolve(Node node, Graph graph) {
        return new StageToolHooks(node.attrs().string("tool_hooks.pre", graph.attrs().string("tool_hooks.pre", "")),
                node.attrs().string("tool_hooks.post", graph.attrs().string("tool_hooks.post", "")));
    }

    public boolean isEmpty() {
        return pre.isEmpty() && post.isEmpty();
    }
}
