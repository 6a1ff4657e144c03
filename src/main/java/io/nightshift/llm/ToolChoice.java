package io.nightshift.llm;

/** How the model may use tools (unified-llm-spec 5.3); {@code toolName} is set only for {@link Mode#NAMED}. */
public record ToolChoice(Mode mode, String toolName) {

    public enum Mode { AUTO, NONE, REQUIRED, NAMED }

    public ToolChoice {
        if ((mode == Mode.NAMED) != (toolName != null)) {
            throw new IllegalArgumentException("a tool name is required for, and only for, the NAMED tool choice");
        }
    }

    public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
    public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
    public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

    public static ToolChoice named(String toolName) {
        return new ToolChoice(Mode.NAMED, toolName);
    }
}
