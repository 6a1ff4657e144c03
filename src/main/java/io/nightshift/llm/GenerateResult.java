package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The outcome of {@link Llm#generate} (unified-llm-spec 4.3): the final step's text, calls and results, the
 * usage of that step and of all steps, every step, and for {@link Llm#generateObject} the validated output.
 */
public record GenerateResult(String text, String reasoning, List<ToolCall> toolCalls, List<ToolResult> toolResults,
                             FinishReason finishReason, Usage usage, Usage totalUsage, List<StepResult> steps,
                             Response response, JsonNode output) {

    static GenerateResult of(List<StepResult> steps, JsonNode output) {
        StepResult last = steps.get(steps.size() - 1);
        Usage total = Usage.ZERO;
        for (StepResult s : steps) {
            total = total.plus(s.usage());
        }
        return new GenerateResult(last.text(), last.reasoning(), last.toolCalls(), last.toolResults(),
                last.finishReason(), last.usage(), total, List.copyOf(steps), last.response(), output);
    }
}
