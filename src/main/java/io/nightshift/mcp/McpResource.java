package io.nightshift.mcp;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /mcp}: MCP over streamable HTTP, stateless (each POST is one JSON-RPC message answered with one JSON
 * document; no session, no server-initiated stream, so GET and DELETE are 405 as the transport specification allows).
 * The service's bearer-token check applies here as on every other route.
 */
@Path("/mcp")
public class McpResource {

    @Inject
    NightshiftMcp mcp;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response message(String body, @HeaderParam("Authorization") String authorization) {
        StatelessHttpTransport.Reply reply = mcp.http().handle(body,
                NightshiftMcp.callerContext(bearer(authorization)));
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

    private static String bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
    }
}
