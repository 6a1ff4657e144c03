package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Executes one step's tool calls (unified-llm-spec 5.7, 5.8): all at once on virtual threads, waiting for all,
 * results in call order. Unknown tools, unparseable or invalid arguments and executor exceptions all become
 * error results the model can read; none is thrown.
 */
final class ToolRunner {

    private ToolRunner() {
    }

    /** Whether the loop should run this step's calls: only when no call targets a passive tool. */
    static boolean allActiveOrUnknown(List<Tool> tools, List<ToolCall> calls) {
        for (ToolCall call : calls) {
            Tool tool = find(tools, call.name());
            if (tool != null && !tool.isActive()) {
                return false;
            }
        }
        return true;
    }

    static List<ToolResult> executeAll(List<Tool> tools, List<ToolCall> calls, List<Message> conversation,
                                       CancellationToken token, ToolRepair repair) {
        if (calls.size() == 1) {
            return List.of(execute(tools, calls.get(0), conversation, token, repair));
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ToolResult>> futures = new ArrayList<>();
            for (ToolCall call : calls) {
                futures.add(pool.submit(() -> execute(tools, call, conversation, token, repair)));
            }
            List<ToolResult> results = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    results.add(error(calls.get(i), "tool failed: " + e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AbortException("interrupted while tools were running", e);
                }
            }
            return results;
        }
    }

    private static ToolResult execute(List<Tool> tools, ToolCall call, List<Message> conversation,
                                      CancellationToken token, ToolRepair repair) {
        Tool tool = find(tools, call.name());
        if (tool == null || !tool.isActive()) {
            return error(call, "Unknown tool: " + call.name() + ". Available tools: "
                    + String.join(", ", tools.stream().map(Tool::name).toList()));
        }
        List<String> problems = problems(tool, call);
        if (!problems.isEmpty() && repair != null) {
            ToolCall repaired = repair.repair(call, problems);
            if (repaired != null) {
                call = repaired;
                problems = problems(tool, call);
            }
        }
        if (!problems.isEmpty()) {
            return error(call, "Invalid arguments for tool " + call.name() + ": " + String.join("; ", problems));
        }
        try {
            Object value = tool.executor().execute(call.arguments(), new ToolContext(List.copyOf(conversation), token, call.id()));
            JsonNode content = value == null ? TextNode.valueOf("") : value instanceof String s ? TextNode.valueOf(s) : Json.toTree(value);
            return new ToolResult(call.id(), content, false);
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return error(call, "Tool " + call.name() + " failed: " + message);
        }
    }

    /** Parse and schema problems of a call's arguments (spec 5.8 steps 1 and 2). */
    static List<String> problems(Tool tool, ToolCall call) {
        String raw = call.rawArguments();
        if (raw != null && !raw.isBlank()) {
            JsonNode parsed = Json.parseOrNull(raw);
            if (parsed == null || !parsed.isObject()) {
                return List.of("the arguments are not a JSON object: " + (raw.length() > 200 ? raw.substring(0, 200) + "..." : raw));
            }
        }
        return JsonSchemaValidator.validate(tool.definition().parameters(), call.arguments());
    }

    private static ToolResult error(ToolCall call, String message) {
        return new ToolResult(call.id(), TextNode.valueOf(message), true);
    }

    private static Tool find(List<Tool> tools, String name) {
        for (Tool t : tools) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
