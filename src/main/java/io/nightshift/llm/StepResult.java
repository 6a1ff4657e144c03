package io.nightshift.llm;

import java.util.List;

/** One model call of a high-level generation and the tool executions that followed it (unified-llm-spec 4.3). */
public record StepResult(String text, String reasoning, List<ToolCall> toolCalls, List<ToolResult> toolResults,
                         FinishReason finishReason, Usage usage, Response response, List<Warning> warnings) {

    public StepResult {
        toolCalls = List.copyOf(toolCalls);
        toolResults = List.copyOf(toolResults);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public static StepResult of(Response response, List<ToolResult> results) {
        return new StepResult(response.text(), response.reasoning(), response.toolCalls(), results,
                response.finishReason(), response.usage(), response, response.warnings());
    }
}
