package io.nightshift.agent.hook;

/**
 * The {@code tool_hooks.pre} / {@code tool_hooks.post} shell commands of attractor-spec 9.7; null or blank means
 * no hook. See {@link HookRunner} for how they run.
 */
public record ToolHooks(String pre, String post) {

    public static final ToolHooks NONE = new ToolHooks(null, null);

    public ToolHooks {
        pre = pre == null || pre.isBlank() ? null : pre;
        post = post == null || post.isBlank() ? null : post;
    }

    public boolean isEmpty() {
        return pre == null && post == null;
    }
}
