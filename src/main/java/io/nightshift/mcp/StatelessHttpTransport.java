package io.nightshift.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The SDK's stateless streamable-HTTP transport, carried by a JAX-RS resource ({@link McpResource}) instead of a
 * servlet: each POST holds one JSON-RPC message, handed to the SDK's handler, and gets the SDK's response back as
 * one JSON document. The SDK does the protocol (initialize, tools/list, tools/call, errors); this class only moves
 * bytes between HTTP and the handler.
 */
final class StatelessHttpTransport implements McpStatelessServerTransport {

    /** An HTTP answer: status, and a JSON body or none. */
    record Reply(int status, String json) {
    }

    private final McpJsonMapper mapper;
    private final Duration timeout;
    private volatile McpStatelessServerHandler handler;
    private volatile boolean closing;

    StatelessHttpTransport(McpJsonMapper mapper, Duration timeout) {
        this.mapper = mapper;
        this.timeout = timeout;
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> closing = true);
    }

    /** One POSTed message; {@code context} carries what the request proved (its caller). */
    Reply handle(String body, Map<String, Object> context) {
        if (closing || handler == null) {
            return error(503, null, McpSchema.ErrorCodes.INTERNAL_ERROR, "the service is stopping; try again later");
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(mapper, body == null ? "" : body);
        } catch (java.io.IOException | RuntimeException e) {
            return error(400, null, McpSchema.ErrorCodes.PARSE_ERROR,
                    "the body is not a JSON-RPC 2.0 message: " + e.getMessage());
        }
        McpTransportContext transportContext = McpTransportContext.create(context);
        try {
            if (message instanceof McpSchema.JSONRPCRequest request) {
                McpSchema.JSONRPCResponse response = handler.handleRequest(transportContext, request)
                        .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, transportContext))
                        .block(timeout);
                return new Reply(200, mapper.writeValueAsString(response));
            }
            if (message instanceof McpSchema.JSONRPCNotification notification) {
                handler.handleNotification(transportContext, notification)
                        .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, transportContext))
                        .block(timeout);
                return new Reply(202, null);
            }
            return error(400, null, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "this endpoint takes JSON-RPC requests and notifications, not responses");
        } catch (java.io.IOException e) {
            return error(500, null, McpSchema.ErrorCodes.INTERNAL_ERROR, "cannot write the response: " + e.getMessage());
        } catch (RuntimeException e) {
            Object id = message instanceof McpSchema.JSONRPCRequest r ? r.id() : null;
            return error(500, id, McpSchema.ErrorCodes.INTERNAL_ERROR, "the request failed: " + e.getMessage());
        }
    }

    /** A JSON-RPC error; the SDK's response type refuses a null id, which JSON-RPC uses for unreadable requests. */
    private Reply error(int status, Object id, int code, String message) {
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        error.put("id", id);
        error.put("error", Map.of("code", code, "message", message));
        try {
            return new Reply(status, mapper.writeValueAsString(error));
        } catch (java.io.IOException e) {
            return new Reply(status, null);
        }
    }
}
