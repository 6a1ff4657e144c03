package io.nightshift.runtime.agent;

import io.nightshift.agent.session.ModelRetry;
import io.nightshift.llm.AccessDeniedException;
import io.nightshift.llm.AuthenticationException;
import io.nightshift.llm.ContentFilterException;
import io.nightshift.llm.ContextLengthException;
import io.nightshift.llm.InvalidRequestException;
import io.nightshift.llm.LlmException;
import io.nightshift.llm.NotFoundException;
import io.nightshift.llm.QuotaExceededException;
import io.nightshift.pipeline.state.FailureKind;
import io.nightshift.pipeline.state.Outcome;

/**
 * Turns the LLM error that ended an agent session into a stage failure the engine can act on: a terminal kind
 * (401/403, 400/404, context overflow, content filter, quota) is never retried by the engine; a transient fault
 * that outlasted the session's own retries may be, by the node's retry policy. The reason keeps the provider's
 * own message.
 */
final class ProviderFailures {

    private ProviderFailures() {
    }

    static FailureKind kind(LlmException fault) {
        return switch (fault) {
            case null -> FailureKind.UNSPECIFIED;
            case AuthenticationException e -> FailureKind.AUTHENTICATION;
            case AccessDeniedException e -> FailureKind.AUTHENTICATION;
            case ContextLengthException e -> FailureKind.CONTEXT_OVERFLOW;
            case ContentFilterException e -> FailureKind.CONTENT_FILTER;
            case QuotaExceededException e -> FailureKind.QUOTA_EXCEEDED;
            case InvalidRequestException e -> FailureKind.INVALID_REQUEST;
            case NotFoundException e -> FailureKind.INVALID_REQUEST;
            default -> ModelRetry.transientFault(fault) ? FailureKind.TRANSIENT : FailureKind.UNSPECIFIED;
        };
    }

    /** The stage's FAIL outcome for a session that stopped on {@code fault} with {@code message}. */
    static Outcome outcome(String message, LlmException fault) {
        FailureKind kind = kind(fault);
        String reason = switch (kind) {
            case AUTHENTICATION -> "the provider refused the credentials (not retried): " + message;
            case INVALID_REQUEST -> "the provider rejected the request (not retried): " + message;
            case CONTEXT_OVERFLOW -> "the conversation no longer fits the model's context window (not retried): "
                    + message;
            case CONTENT_FILTER -> "the provider's content filter blocked the answer (not retried): " + message;
            case QUOTA_EXCEEDED -> "the provider account is out of quota (not retried): " + message;
            case TRANSIENT -> "the provider kept failing after the agent's retries: " + message;
            case UNSPECIFIED -> "agent error: " + message;
        };
        return Outcome.fail(reason, kind);
    }
}
