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
    }}
