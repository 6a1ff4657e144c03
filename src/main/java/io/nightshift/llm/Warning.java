package io.nightshift.llm;

/** A non-fatal issue, such as a request field the provider cannot honour (unified-llm-spec 3.11). */
public record Warning(String message, String code) {
}
