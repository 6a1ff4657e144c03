package io.nightshift.server;

import io.nightshift.runtime.delivery.DeliveryFiles;
import io.nightshift.runtime.SandboxChoice;
import io.nightshift.runtime.service.JobIntake;
import io.nightshift.runtime.service.ManagedRun;
import io.nightshift.runtime.service.RunFiles;
import io.nightshift.runtime.service.RunNotFoundException;
import io.nightshift.runtime.service.RunRegistry;
import io.nightshift.runtime.service.RunSubmission;
import io.nightshift.runtime.service.SubmissionGate;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Job hand-off: a repository, a goal and a pipeline in; status and deliverables out. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    @Inject
    RunRegistry registry;

    @Inject
    JobIntake intake;

    @Inject
    SubmissionGate gate;

    @Inject
    RoutingContext rc;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(JobRequestJson body) {
        if (body == null) {
            return Response.status(400).entity(ErrorJson.of("the body needs a JSON job: repository, goal, pipeline"))
                    .build();
        }
        RunSubmission submission = intake.toSubmission(body.toRequest());
        gate.check(submission);
        ManagedRun run = registry.submit(submission, AccessFilter.caller(rc).owner());
        return Response.created(URI.create("/jobs/" + run.id())).entity(Map.of("id", run.id())).build();
    }

    @GET
    @Path("/{id}")
    public JobStatusJson status(@PathParam("id") String id) {
        ManagedRun run = job(id);
        RunSubmission s = run.submission();
        Map<String, String> links = new LinkedHashMap<>();
        if (run.state().terminal()) {
            RunFiles.deliverables(run).forEach(n -> links.put(n, "/jobs/" + id + "/deliverables/" + n));
        }
        // with no sandbox asked for, runs use Docker (SandboxChoice) and refuse to start without it
        RunStatusJson status = RunStatusJson.of(run);
        return new JobStatusJson(id, run.state().jobStatus(), s.repository(), s.ref(), s.goal(), s.name(), s.model(),
                s.sandbox() == null ? SandboxChoice.DOCKER : s.sandbox(), status, links,
                "/pipelines/" + id + "/events", s.provider(), s.simulate(), s.bounds(), status.tokens(),
                status.costUsd(), status.costComplete(), DeliveryFiles.readPullRequest(run.dir())
                        .map(p -> new JobStatusJson.PullRequestJson(p.url(), p.number())).orElse(null), s.trigger());
    }

    @GET
    @Path("/{id}/deliverables/{name}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response deliverable(@PathParam("id") String id, @PathParam("name") String name) {
        return RunFiles.deliverable(job(id), name)
                .map(f -> Response.ok(f.toFile()).header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                        .build())
                .orElse(Response.status(404).type(MediaType.APPLICATION_JSON).entity(ErrorJson.of("job '" + id
                        + "' has no deliverable '" + name + "'; possible: " + RunFiles.DELIVERABLES)).build());
    }

    private ManagedRun job(String id) {
        ManagedRun run = registry.get(id);
        if (!run.submission().kind().equals("job")) {
            throw new RunNotFoundException(id);
        }
        return run;
    }
}
