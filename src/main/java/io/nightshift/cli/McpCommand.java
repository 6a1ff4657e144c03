package io.nightshift.cli;

import io.nightshift.mcp.NightshiftMcp;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code nightshift mcp}: Nightshift as an MCP server on stdin/stdout, for an agent or an editor that starts it as a
 * subprocess. It runs the service's runtime in this process (no HTTP port): jobs submitted here run here, in the
 * same runs directory as {@code serve}'s, and stop when the client closes the connection. {@link NightshiftMain}
 * starts Quarkus for it with logs on stderr, and keeps stdout for the protocol alone.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Serve MCP on stdin/stdout (tools: submit_job, list_runs, get_run, read_events, answer_question,"
                + " cancel_run). The service offers the same tools at /mcp.")
public class McpCommand implements Callable<Integer> {

    @Inject
    NightshiftMcp mcp;

    @Override
    public Integer call() throws InterruptedException {
        if (mcp == null) {
            System.err.println("nightshift mcp: the MCP server needs the service's runtime; start it as 'nightshift mcp'");
            return ExitCodes.UNUSABLE_INPUT;
        }
        System.err.println("nightshift: MCP on stdin/stdout; close stdin to stop");
        mcp.serveStdio(System.in, NightshiftMain.protocolOut());
        return ExitCodes.OK;
    }
}
