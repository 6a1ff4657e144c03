package io.nightshift.server;

import io.nightshift.runtime.service.GitHubWebhook;
import io.nightshift.runtime.service.HookOutcome;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /hooks/github}: GitHub webhook deliveries (issue 17). Authenticated by the delivery's signature, not
 * by bearer tokens ({@link AccessFilter} lets it through). 202 with the job's id, 200 with why nothing started, 401
 * for a bad signature, 409 for a replayed delivery id, 400 for an unreadable delivery.
 */
@Path("/hooks/github")
@Produces(MediaType.APPLICATION_JSON)
public class HooksResource {

    @Inject
    GitHubWebhook webhook;

    @POST
    public Response deliver(@HeaderParam("X-GitHub-Event") String event,
            @HeaderParam("X-GitHub-Delivery") String delivery,
            @HeaderParam("X-Hub-Signature-256") String signature, byte[] body) {
        HookOutcome outcome = webhook.receive(event, delivery, signature, body == null ? new byte[0] : body);
        Map<String, Object> json = new LinkedHashMap<>();
        int status = switch (outcome) {
            case HookOutcome.Accepted a -> {
                json.put("id", a.runId());
                json.put("delivery", a.deliveryId());
                json.put("status_url", "/jobs/" + a.runId());
                yield 202;
            }
            case HookOutcome.Ignored i -> {
                json.put("ignored", i.reason());
                json.put("delivery", i.deliveryId());
                yield 200;
            }
            case HookOutcome.Replayed r -> {
                json.put("error", "delivery '" + r.deliveryId() + "' was received before; a replay starts no job");
                json.put("delivery", r.deliveryId());
                json.put("id", r.runId());
                yield 409;
            }
            case HookOutcome.Unauthorized u -> {
                json.put("error", u.message());
                yield 401;
            }
            case HookOutcome.Malformed m -> {
                json.put("error", m.message());
                yield 400;
            }
        };
        return Response.status(status).entity(json).build();
    }
}
