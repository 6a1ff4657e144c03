package io.nightshift.server;

import io.nightshift.runtime.InvalidPipelineException;
import io.nightshift.runtime.UnusableInputException;
import io.nightshift.runtime.ValidationReports;
import io.nightshift.runtime.service.InvalidAnswerException;
import io.nightshift.runtime.service.InvalidSubmissionException;
import io.nightshift.runtime.service.LocalSandboxRefusedException;
import io.nightshift.runtime.service.QuestionNotFoundException;
import io.nightshift.runtime.service.RendererUnavailableException;
import io.nightshift.runtime.service.RunNotFoundException;
import io.nightshift.runtime.service.RunStateException;
import io.nightshift.runtime.service.ServiceException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.nightshift.runtime.service.QueueStoreException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the runtime's refusals to HTTP statuses with JSON bodies that say what to fix. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response service(ServiceException e) {
        int status = switch (e) {
            case RunNotFoundException x -> 404;
            case QuestionNotFoundException x -> 404;
            case InvalidAnswerException x -> 400;
            case InvalidSubmissionException x -> 400;
            case LocalSandboxRefusedException x -> 403;
            case RunStateException x -> 409;
            case RendererUnavailableException x -> 503;
        };
        ErrorJson body = e instanceof InvalidAnswerException a ? new ErrorJson(e.getMessage(), a.validKeys())
                : ErrorJson.of(e.getMessage());
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    /** Same document as {@code nightshift validate --json}. */
    @ServerExceptionMapper
    public Response invalid(InvalidPipelineException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(ValidationReports.json(e)).build();
    }

    @ServerExceptionMapper
    public Response unusable(UnusableInputException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(ErrorJson.of(e.getMessage())).build();
    }

    /** The queue cannot record a job: nothing was accepted. */
    @ServerExceptionMapper
    public Response store(QueueStoreException e) {
        return Response.status(503).type(MediaType.APPLICATION_JSON).entity(ErrorJson.of(e.getMessage())).build();
    }

    /**
     * Every 4xx the framework raises (unknown path, wrong method, wrong content type, a bad parameter) gets a JSON
     * body that says what was wrong (issue 16); other statuses keep the framework's response.
     */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status < 400 || status >= 500) {
            return e.getResponse();
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException j) {
                return badBody(j);
            }
        }
        String where = request.method().name() + " " + request.path();
        String message = switch (status) {
            case 404 -> e.getMessage() != null && !e.getMessage().startsWith("HTTP 404") ? e.getMessage()
                    : "nothing at " + where + "; the API is described at /q/openapi";
            case 405 -> where + " is not allowed; the API is described at /q/openapi";
            case 406 -> "cannot answer " + where + " in the media type asked for (Accept: "
                    + request.getHeader("Accept") + ")";
            case 415 -> "the body's content type (" + request.getHeader("Content-Type") + ") is not accepted by "
                    + where + "; send application/json";
            default -> e.getMessage() != null && !e.getMessage().startsWith("HTTP " + status) ? e.getMessage()
                    : where + " was refused (" + status + ")";
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(ErrorJson.of(message)).build();
    }

    /** A body that is not JSON, or JSON of the wrong shape: where it broke and what was expected. */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return badBody(e);
    }

    @ServerExceptionMapper
    public Response parse(JsonParseException e) {
        return badBody(e);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return badBody(e);
    }

    private static Response badBody(JsonProcessingException e) {
        String what = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().lines().findFirst()
                .orElse("unreadable");
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            what = "field '" + m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(java.util.stream.Collectors.joining(".")) + "': " + what;
        }
        JsonLocation at = e.getLocation();
        String location = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(ErrorJson.of("the request body is not the JSON expected" + location + ": " + what)).build();
    }
}
