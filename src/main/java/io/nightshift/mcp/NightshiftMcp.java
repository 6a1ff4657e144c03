package io.nightshift.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.nightshift.runtime.service.JobIntake;
import io.nightshift.runtime.service.RunRegistry;
import io.nightshift.runtime.service.SubmissionGate;
import io.nightshift.runtime.wiring.Caller;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;

/**
 * Nightshift's MCP server: one set of tools ({@link NightshiftTools}) served over the service's HTTP endpoint (the
 * SDK's stateless server, built at first use) and over stdio ({@link #serveStdio}, for {@code nightshift mcp}).
 */
@ApplicationScoped
public class NightshiftMcp {

    static final String NAME = "nightshift";
    private static final String CALLER = "caller";
    static final String VERSION = "0.1.0";
    /** Longer than read_events' longest wait, so a waiting call is never cut by the transport. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(NightshiftTools.MAX_WAIT_SECONDS + 30);
    static final String INSTRUCTIONS = "Nightshift runs coding agents through pipelines in sandboxes and judges the "
            + "result against held-out scenarios. Submit a job with submit_job, follow it with get_run and "
            + "read_events (pass next_since back as since), answer its human gates with answer_question, and stop "
            + "it with cancel_run.";

    @Inject
    RunRegistry registry;

    @Inject
    JobIntake intake;

    @Inject
    SubmissionGate gate;

    @Inject
    ObjectMapper json;

    private StatelessHttpTransport http;
    private McpStatelessSyncServer httpServer;

    /** The HTTP endpoint's transport, with its server built on first use. */
    synchronized StatelessHttpTransport http() {
        if (http == null) {
            McpJsonMapper mapper = new JacksonMcpJsonMapper(json);
            http = new StatelessHttpTransport(mapper, REQUEST_TIMEOUT);
            NightshiftTools tools = tools();
            httpServer = McpServer.sync(http).serverInfo(NAME, VERSION).instructions(INSTRUCTIONS)
                    .jsonMapper(mapper).requestTimeout(REQUEST_TIMEOUT)
                    .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                    .tools(tools.all().stream().map(t -> new McpStatelessServerFeatures.SyncToolSpecification(
                            toolOf(t), (context, call) -> tools.call(t, callerOf(context.get(CALLER)), call.arguments())
                                    .toResult(json))).toList())
                    .build();
        }
        return http;
    }

    /**
     * Serves MCP on {@code in}/{@code out} (JSON-RPC, one message per line) until the client closes {@code in}.
     * Nothing else may write to {@code out}: the caller sends its own output elsewhere. The local user who started
     * the process is its only caller, with every right (as on an open loopback service).
     */
    public void serveStdio(InputStream in, OutputStream out) throws InterruptedException {
        McpJsonMapper mapper = new JacksonMcpJsonMapper(json);
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        InputStream watched = new java.io.FilterInputStream(in) {
            @Override
            public int read() throws java.io.IOException {
                int b = super.read();
                if (b < 0) {
                    closed.countDown();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws java.io.IOException {
                int n = super.read(buf, off, len);
                if (n < 0) {
                    closed.countDown();
                }
                return n;
            }
        };
        NightshiftTools tools = tools();
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(mapper, watched, out))
                .serverInfo(NAME, VERSION).instructions(INSTRUCTIONS).jsonMapper(mapper).requestTimeout(REQUEST_TIMEOUT)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tools.all().stream().map(t -> new McpServerFeatures.SyncToolSpecification(toolOf(t),
                        (exchange, call) -> tools.call(t, Caller.OPEN, call.arguments()).toResult(json)))
                        .toList())
                .build();
        try {
            closed.await();
        } finally {
            server.closeGracefully();
        }
    }

    private NightshiftTools tools() {
        return new NightshiftTools(registry, intake, gate, json);
    }

    private static McpSchema.Tool toolOf(NightshiftTools.Tool t) {
        return McpSchema.Tool.builder().name(t.name()).title(t.title()).description(t.description())
                .inputSchema(t.inputSchema()).build();
    }

    @PreDestroy
    synchronized void stop() {
        if (httpServer != null) {
            httpServer.close();
        }
    }

    /** The transport context of one HTTP message: who sent it, as the access filter authenticated them. */
    static Map<String, Object> callerContext(Caller caller) {
        return caller == null ? Map.of() : Map.of(CALLER, caller);
    }

    /** Null when the message reached the tools without an authenticated caller (the tools then refuse it). */
    private static Caller callerOf(Object value) {
        return value instanceof Caller c ? c : null;
    }
}
