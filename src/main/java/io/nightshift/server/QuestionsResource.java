package io.nightshift.server;

import io.nightshift.runtime.service.RunRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** Human gates over HTTP (attractor-spec 9.5): the pending questions of a run and their answers. */
@Path("/pipelines/{id}/questions")
@Produces(MediaType.APPLICATION_JSON)
public class QuestionsResource {

    @Inject
    RunRegistry registry;

    @GET
    public List<QuestionJson> pending(@PathParam("id") String id) {
        return registry.get(id).questions().pending().stream().map(QuestionJson::of).toList();
    }

    @POST
    @Path("/{qid}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> answer(@PathParam("id") String id, @PathParam("qid") String qid, AnswerRequest body) {
        AnswerRequest a = body == null ? new AnswerRequest(null, null) : body;
        String value = registry.get(id).questions().answerValue(qid, a.value(), a.text());
        return Map.of("question_id", qid, "answer", value);
    }
}
