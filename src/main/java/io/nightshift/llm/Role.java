package io.nightshift.llm;

/** Who produced a message (unified-llm-spec 3.2). Each adapter maps the five roles to its provider's convention. */
public enum Role {
    SYSTEM, USER, ASSISTANT, TOOL, DEVELOPER
}
