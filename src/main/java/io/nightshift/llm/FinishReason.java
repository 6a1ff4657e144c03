package io.nightshift.llm;

/** Why generation stopped: the unified reason and the provider's own string (unified-llm-spec 3.8). */
public record FinishReason(Reason reason, String raw) {

    public enum Reason {
        STOP, LENGTH, TOOL_CALLS, CONTENT_FILTER, ERROR, OTHER;

        /** The spec's lower-case name ({@code tool_calls}). */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static FinishReason of(Reason reason, String raw) {
        return new FinishReason(reason, raw);
    }
}
