package io.nightshift.server;

import io.nightshift.runtime.service.GraphRenderer;
import io.nightshift.runtime.service.ManagedRun;
import io.nightshift.runtime.service.RunFiles;
import io.nightshift.runtime.service.RunBounds;
import io.nightshift.runtime.service.RunRegistry;
import io.nightshift.runtime.service.RunSubmission;
import io.nightshift.runtime.service.SubmissionGate;
import io.nightshift.runtime.wiring.ServerConfig;
import io.nightshift.runtime.wiring.Caller;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Attractor server mode (attractor-spec 9.5): submit, list, inspect, cancel and resume pipeline runs. */
@Path("/pipelines")
@Produces(MediaType.APPLICATION_JSON)
public class PipelinesResource {

    static final String DOT_TYPE = "text/vnd.graphviz";

    @Inject
    RunRegistry registry;

    @Inject
    GraphRenderer graphs;

    @Inject
    ServerConfig config;

    @Inject
    SubmissionGate gate;

    @Inject
    RoutingContext rc;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(PipelineRequest body) {
        if (body == null || body.dot() == null || body.dot().isBlank()) {
            return Response.status(400).entity(ErrorJson.of("the body needs \"dot\": the pipeline's DOT source")).build();
        }
        return start(RunSubmission.pipeline(body.dot(), Boolean.TRUE.equals(body.simulate()),
                Boolean.TRUE.equals(body.autoApprove()), body.goal(), body.set()).withBounds(BoundsFields.read(
                        body.maxTokens(), body.maxCostUsd(), body.maxTime(), body.stallTimeout())));
    }

    @POST
    @Consumes({DOT_TYPE, MediaType.TEXT_PLAIN})
    public Response submitDot(String dot, @QueryParam("auto_approve") boolean autoApprove,
            @QueryParam("goal") String goal, @QueryParam("simulate") boolean simulate,
            @QueryParam("max_tokens") String maxTokens, @QueryParam("max_cost_usd") String maxCostUsd,
            @QueryParam("max_time") String maxTime, @QueryParam("stall_timeout") String stallTimeout) {
        if (dot == null || dot.isBlank()) {
            return Response.status(400).entity(ErrorJson.of("the body is empty: send the pipeline's DOT source")).build();
        }
        return start(RunSubmission.pipeline(dot, simulate, autoApprove, goal, Map.of())
                .withBounds(RunBounds.parse(maxTokens, maxCostUsd, maxTime, stallTimeout)));
    }

    private Response start(RunSubmission submission) {
        if (submission.dot().getBytes(StandardCharsets.UTF_8).length > config.maxDotBytes()) {
            return Response.status(413).entity(ErrorJson.of("the DOT source is larger than "
                    + config.maxDotBytes() + " bytes (nightshift.server.max-dot-bytes)")).build();
        }
        gate.check(submission);
        ManagedRun run = registry.submit(submission, AccessFilter.caller(rc).owner());
        return Response.created(URI.create("/pipelines/" + run.id())).entity(Map.of("id", run.id())).build();
    }

    /** Newest first; {@code status}, {@code pipeline} and {@code suite} keep only the runs that match all given. */
    @GET
    public RunListJson list(@QueryParam("offset") @DefaultValue("0") String offsetText,
            @QueryParam("limit") @DefaultValue("50") String limitText, @QueryParam("status") String status,
            @QueryParam("pipeline") String pipeline, @QueryParam("suite") String suite) {
        int offset = Queries.wholeNumber("offset", offsetText);
        int limit = Queries.wholeNumber("limit", limitText);
        RunFilter filter = RunFilter.of(status, pipeline, suite);
        Caller caller = AccessFilter.caller(rc);
        List<ManagedRun> all = registry.list().stream().filter(r -> caller.mayAccess(registry.ownerOf(r.id())))
                .filter(r -> filter.test(r.snapshot())).toList();
        int from = Math.clamp(offset, 0, all.size());
        int size = Math.clamp(limit, 1, 500);
        List<RunStatusJson> page = all.subList(from, Math.min(all.size(), from + size)).stream()
                .map(r -> RunStatusJson.of(r)).toList();
        return new RunListJson(page, from, size, all.size());
    }

    @GET
    @Path("/{id}")
    public RunStatusJson status(@PathParam("id") String id) {
        return RunStatusJson.of(registry.get(id));
    }

    @POST
    @Path("/{id}/cancel")
    public Response cancel(@PathParam("id") String id) {
        boolean cancelled = registry.cancel(id);
        return Response.status(cancelled ? 202 : 409).entity(cancelled ? RunStatusJson.of(registry.get(id))
                : ErrorJson.of("run '" + id + "' has already ended (" + registry.get(id).state().wireName() + ")"))
                .build();
    }

    @POST
    @Path("/{id}/resume")
    public Response resume(@PathParam("id") String id) {
        return Response.accepted(RunStatusJson.of(registry.resume(id))).build();
    }

    /** With a body of raised bounds, e.g. {@code {"max_tokens": 500000}} for a run that ended budget_exhausted. */
    @POST
    @Path("/{id}/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response resume(@PathParam("id") String id, ResumeRequest body) {
        RunBounds raised = body == null ? RunBounds.NONE : BoundsFields.read(body.maxTokens(), body.maxCostUsd(),
                body.maxTime(), body.stallTimeout());
        return Response.accepted(RunStatusJson.of(registry.resume(id, raised))).build();
    }

    @GET
    @Path("/{id}/checkpoint")
    public Response checkpoint(@PathParam("id") String id) {
        return RunFiles.checkpoint(registry.get(id)).map(c -> Response.ok(c).build())
                .orElse(Response.status(404).entity(ErrorJson.of("run '" + id
                        + "' has no checkpoint yet: one is written after the first stage completes")).build());
    }

    @GET
    @Path("/{id}/context")
    public Map<String, Object> context(@PathParam("id") String id) {
        return RunFiles.context(registry.get(id));
    }

    @GET
    @Path("/{id}/graph")
    @Produces("image/svg+xml")
    public String graph(@PathParam("id") String id) {
        return graphs.svg(registry.get(id));
    }

    /** The graph as DOT with each stage's state, which the web page draws in the browser (no host Graphviz). */
    @GET
    @Path("/{id}/graph.dot")
    @Produces(DOT_TYPE)
    public String graphDot(@PathParam("id") String id) {
        return graphs.dot(registry.get(id));
    }

    @GET
    @Path("/{id}/files")
    public List<RunFiles.StageFile> files(@PathParam("id") String id) {
        return RunFiles.stageFiles(registry.get(id));
    }

    @GET
    @Path("/{id}/files/{stage}/{name}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response file(@PathParam("id") String id, @PathParam("stage") String stage,
            @PathParam("name") String name) {
        return RunFiles.stageFile(registry.get(id), stage, name)
                .map(in -> Response.ok((StreamingOutput) out -> {
                    try (in) {
                        in.transferTo(out);
                    }
                }, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build())
                .orElse(Response.status(404).type(MediaType.APPLICATION_JSON)
                        .entity(ErrorJson.of("no file " + stage + "/" + name + " in run '" + id + "'")).build());
    }
}
