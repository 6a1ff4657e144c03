package io.nightshift.twin.script;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Why the scripted answer ends, in provider-neutral words; each dialect maps it to its own value
 * (unified-llm-spec 3.8 read backwards).
 */
public enum Finish {
    @JsonProperty("stop") STOP,
    @JsonProperty("length") LENGTH,
    @JsonProperty("tool_calls") TOOL_CALLS,
    @JsonProperty("content_filter") CONTENT_FILTER
}
