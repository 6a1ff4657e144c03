package io.nightshift.agent.session;

import io.nightshift.agent.hook.ToolHooks;
import java.util.List;
import java.util.Map;

/**
 * Limits and settings of a session (coding-agent spec 2.2), with the spec's defaults. Immutable; a session
 * swaps in a changed copy (see {@code Session.setReasoningEffort}) and the change applies from the next LLM call.
 *
 * @param toolOutputLimits   per-tool character limits overriding the 5.2 defaults
 * @param toolLineLimits     per-tool line limits overriding the 5.3 defaults
 * @param userInstructions   appended last to the system prompt (6.1 layer 5); may be null
 * @param toolHooks          attractor-spec 9.7 shell commands around each tool call
 */
public record SessionConfig(int maxTurns, int maxToolRoundsPerInput, long defaultCommandTimeoutMs,
                            long maxCommandTimeoutMs, String reasoningEffort, Map<String, Integer> toolOutputLimits,
                            Map<String, Integer> toolLineLimits, boolean enableLoopDetection, int loopDetectionWindow,
                            int maxSubagentDepth, String userInstructions, ToolHooks toolHooks) {

    public static final long DEFAULT_COMMAND_TIMEOUT_MS = 10_000;
    public static final long MAX_COMMAND_TIMEOUT_MS = 600_000;
    private static final List<String> EFFORTS = List.of("low", "medium", "high");

    public SessionConfig {
        if (maxTurns < 0 || maxToolRoundsPerInput < 0) {
            throw new IllegalArgumentException("max_turns and max_tool_rounds_per_input must be 0 (unlimited) or more");
        }
        if (defaultCommandTimeoutMs <= 0 || maxCommandTimeoutMs <= 0) {
            throw new IllegalArgumentException("command timeouts must be positive milliseconds");
        }
        if (reasoningEffort != null && !EFFORTS.contains(reasoningEffort)) {
            throw new IllegalArgumentException("reasoning_effort must be low, medium, high or unset, not '"
                    + reasoningEffort + "'");
        }
        if (loopDetectionWindow < 1) {
            throw new IllegalArgumentException("loop_detection_window must be at least 1");
        }
        if (maxSubagentDepth < 0) {
            throw new IllegalArgumentException("max_subagent_depth must be 0 or more");
        }
        toolOutputLimits = toolOutputLimits == null ? Map.of() : Map.copyOf(toolOutputLimits);
        toolLineLimits = toolLineLimits == null ? Map.of() : Map.copyOf(toolLineLimits);
        toolHooks = toolHooks == null ? ToolHooks.NONE : toolHooks;
    }

    public static SessionConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public SessionConfig withReasoningEffort(String effort) {
        return toBuilder().reasoningEffort(effort).build();
    }

    public Builder toBuilder() {
        return new Builder().maxTurns(maxTurns).maxToolRoundsPerInput(maxToolRoundsPerInput)
                .defaultCommandTimeoutMs(defaultCommandTimeoutMs).maxCommandTimeoutMs(maxCommandTimeoutMs)
                .reasoningEffort(reasoningEffort).toolOutputLimits(toolOutputLimits).toolLineLimits(toolLineLimits)
                .enableLoopDetection(enableLoopDetection).loopDetectionWindow(loopDetectionWindow)
                .maxSubagentDepth(maxSubagentDepth).userInstructions(userInstructions).toolHooks(toolHooks);
    }

    /** Builds a {@link SessionConfig}; every field starts at the spec default. */
    public static final class Builder {
        private int maxTurns;
        private int maxToolRoundsPerInput;
        private long defaultCommandTimeoutMs = DEFAULT_COMMAND_TIMEOUT_MS;
        private long maxCommandTimeoutMs = MAX_COMMAND_TIMEOUT_MS;
        private String reasoningEffort;
        private Map<String, Integer> toolOutputLimits = Map.of();
        private Map<String, Integer> toolLineLimits = Map.of();
        private boolean enableLoopDetection = true;
        private int loopDetectionWindow = 10;
        private int maxSubagentDepth = 1;
        private String userInstructions;
        private ToolHooks toolHooks = ToolHooks.NONE;

        public Builder maxTurns(int value) { this.maxTurns = value; return this; }
        public Builder maxToolRoundsPerInput(int value) { this.maxToolRoundsPerInput = value; return this; }
        public Builder defaultCommandTimeoutMs(long value) { this.defaultCommandTimeoutMs = value; return this; }
        public Builder maxCommandTimeoutMs(long value) { this.maxCommandTimeoutMs = value; return this; }
        public Builder reasoningEffort(String value) { this.reasoningEffort = value; return this; }
        public Builder toolOutputLimits(Map<String, Integer> value) { this.toolOutputLimits = value; return this; }
        public Builder toolLineLimits(Map<String, Integer> value) { this.toolLineLimits = value; return this; }
        public Builder enableLoopDetection(boolean value) { this.enableLoopDetection = value; return this; }
        public Builder loopDetectionWindow(int value) { this.loopDetectionWindow = value; return this; }
        public Builder maxSubagentDepth(int value) { this.maxSubagentDepth = value; return this; }
        public Builder userInstructions(String value) { this.userInstructions = value; return this; }
        public Builder toolHooks(ToolHooks value) { this.toolHooks = value; return this; }

        public SessionConfig build() {
            return new SessionConfig(maxTurns, maxToolRoundsPerInput, defaultCommandTimeoutMs, maxCommandTimeoutMs,
                    reasoningEffort, toolOutputLimits, toolLineLimits, enableLoopDetection, loopDetectionWindow,
                    maxSubagentDepth, userInstructions, toolHooks);
        }
    }
}
