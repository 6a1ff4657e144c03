package io.nightshift.mcp;

import io.nightshift.runtime.wiring.Caller;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /mcp}: MCP over streamable HTTP, stateless (each POST is one JSON-RPC message answered with one JSON
 * document; no session, no server-initiated stream, so GET and DELETE are 405 as the transport specification allows).
 * The service's bearer-token check applies here as on every other route, and the tools see the caller it
 * authenticated: a token lists, reads, answers and cancels only its owner's runs unless it is an admin's.
 */
@Path("/mcp")
public class McpResource {

    @Inject
    NightshiftMcp mcp;

    @Inject
    RoutingContext routing;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response message(String body) {
        // authenticated once, by the access filter in front of every route; without it the tools grant nothing
        Caller caller = routing == null ? null : routing.get(Caller.CONTEXT_KEY);
        StatelessHttpTransport.Reply reply = mcp.http().handle(body, NightshiftMcp.callerContext(caller));
        Response.ResponseBuilder r = Response.status(reply.status());
        return reply.json() == null ? r.build() : r.type(MediaType.APPLICATION_JSON).entity(reply.json()).build();
    }

    @GET
    public Response stream() {
        return notAllowed();
    }

    @DELETE
    public Response endSession() {
        return notAllowed();
    }

    private static Response notAllowed() {
        return Response.status(405).header("Allow", "POST").type(MediaType.APPLICATION_JSON)
                .entity("{\"error\":\"this MCP endpoint is stateless: POST one JSON-RPC message per request\"}")
                .build();
    }
}
