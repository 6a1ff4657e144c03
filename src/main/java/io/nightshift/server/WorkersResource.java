package io.nightshift.server;

import io.nightshift.runtime.service.RunRegistry;
import io.nightshift.runtime.service.WorkerDesk;
import io.nightshift.runtime.wiring.Caller;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The workers' side of the service (issue 18, docs/workers.md): a worker claims a dispatched run for a lease epoch,
 * then sends its events, its run directory and its end, each write carrying the epoch (a stale one gets 409), and
 * fetches the run directory to resume from. Only admin tokens (or an open loopback service) may call it: it reads
 * and writes every run.
 */
@Path("/workers")
@Produces(MediaType.APPLICATION_JSON)
public class WorkersResource {

    @Inject
    RunRegistry registry;

    @Inject
    RoutingContext rc;

    /** The claim's body. */
    public record ClaimRequest(long dispatch, String worker) {
    }

    /** The end's body. */
    public record EndRequest(String state, String failure) {
    }

    @GET
    public Map<String, Object> list() {
        admin();
        return Map.of("dispatch", registry.dispatching() ? "rabbitmq" : "local", "runs",
                registry.workers().holders());
    }

    @POST
    @Path("/runs/{id}/claim")
    @Consumes(MediaType.APPLICATION_JSON)
    public WorkerDesk.Claim claim(@PathParam("id") String id, ClaimRequest body) {
        admin();
        ClaimRequest c = body == null ? new ClaimRequest(0, "") : body;
        return registry.workers().claim(id, c.dispatch(), c.worker());
    }

    @POST
    @Path("/runs/{id}/events")
    @Consumes(MediaType.TEXT_PLAIN)
    public Map<String, Boolean> events(@PathParam("id") String id, @QueryParam("epoch") long epoch, String body) {
        admin();
        List<String> lines = body == null ? List.of()
                : Arrays.stream(body.split("\n")).filter(l -> !l.isBlank()).toList();
        return Map.of("cancel", registry.workers().events(id, epoch, lines));
    }

    @PUT
    @Path("/runs/{id}/files")
    @Consumes("application/zip")
    public Map<String, String> putFiles(@PathParam("id") String id, @QueryParam("epoch") long epoch, InputStream in) {
        admin();
        registry.workers().receiveFiles(id, epoch, in);
        return Map.of("run_id", id);
    }

    @GET
    @Path("/runs/{id}/files")
    @Produces("application/zip")
    public StreamingOutput getFiles(@PathParam("id") String id, @QueryParam("epoch") long epoch) {
        admin();
        WorkerDesk desk = registry.workers();
        // the lease is checked before the first byte goes out, so a stale epoch still gets its 409
        desk.checkLease(id, epoch);
        return out -> desk.sendFiles(id, epoch, out);
    }

    @POST
    @Path("/runs/{id}/end")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> end(@PathParam("id") String id, @QueryParam("epoch") long epoch, EndRequest body) {
        admin();
        EndRequest e = body == null ? new EndRequest("", "") : body;
        registry.workers().end(id, epoch, e.state() == null ? "" : e.state(), e.failure());
        return Map.of("run_id", id, "state", e.state());
    }

    private void admin() {
        Caller c = AccessFilter.caller(rc);
        if (c.role() != Caller.Role.ADMIN) {
            throw new ForbiddenException("the worker API needs an admin token (role " + c.role().wireName()
                    + " may not use it)");
        }
    }
}
