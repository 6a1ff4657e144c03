package io.nightshift.agent.session;

import io.nightshift.llm.Usage;

/**
 * Told the usage of every model call a session (or one of its subagents) makes, as soon as the call has finished;
 * how the host meters spend and enforces budgets. A non-null answer stops the session's input there with
 * {@link StopReason#BUDGET} and that answer as the error, before the response's tool calls run. Called on the
 * session's thread; must be fast and must not throw.
 */
@FunctionalInterface
public interface UsageGate {

    UsageGate NONE = (provider, model, usage) -> null;

    /** @return null to go on, or why the session must stop */
    String afterCall(String provider, String model, Usage usage);
}
