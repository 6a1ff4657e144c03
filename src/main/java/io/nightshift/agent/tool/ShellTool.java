package io.nightshift.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.sandbox.ExecResult;

/**
 * {@code shell} (coding-agent spec 3.3): runs a command through the environment with the profile's default
 * timeout, or {@code timeout_ms} capped at the session maximum. The output is stdout, then stderr, then a line
 * with the exit code and duration; a timeout appends the message of spec 5.4.
 */
final class ShellTool implements ToolExecutor {

    @Override
    public String execute(JsonNode args, ToolInvocation invocation) {
        String command = Arguments.string(args, "command");
        Integer requested = Arguments.optionalInt(args, "timeout_ms");
        if (requested != null && requested <= 0) {
            throw new ToolFailure("timeout_ms must be a positive number of milliseconds, got " + requested);
        }
        long timeout = Math.min(requested == null ? invocation.commandTimeoutMs() : requested,
                invocation.maxCommandTimeoutMs());
        ExecResult result = invocation.environment().execCommand(command, timeout, null, null);
        StringBuilder out = new StringBuilder();
        out.append(result.stdout());
        if (!result.stderr().isEmpty()) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            out.append(result.stderr());
        }
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        if (!out.isEmpty()) {
            invocation.outputDelta().accept(out.toString());
        }
        if (result.timedOut()) {
            out.append("[ERROR: Command timed out after ").append(timeout)
                    .append("ms. Partial output is shown above.\n")
                    .append("You can retry with a longer timeout by setting the timeout_ms parameter.]");
        } else {
            out.append("[exit code: ").append(result.exitCode()).append(", duration: ")
                    .append(result.durationMs()).append("ms]");
        }
        return out.toString();
    }
}
