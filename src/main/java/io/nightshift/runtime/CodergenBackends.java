package io.nightshift.runtime;

import io.nightshift.agent.event.AgentEventJson;
import io.nightshift.llm.Client;
import io.nightshift.llm.Middlewares;
import io.nightshift.llm.RetryPolicy;
import io.nightshift.pipeline.engine.PipelineEngine;
import io.nightshift.pipeline.handler.CodergenBackend;
import io.nightshift.runtime.agent.AgentBackendOptions;
import io.nightshift.runtime.agent.AgentCodergenBackend;
import io.nightshift.runtime.agent.SimulatedAgent;
import io.nightshift.runtime.agent.SpendGate;
import io.nightshift.runtime.agent.StageEnvironments;
import io.nightshift.runtime.agent.StageJudge;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which backend runs codergen stages: coding agents when an LLM provider is configured in the environment (an API
 * key, or an OpenAI-compatible server) and the run is not {@code --simulate}; the simulation backend otherwise.
 * Both judge stages with {@code harness.suite} in place through the given {@link StageJudge}.
 */
final class CodergenBackends {

    private CodergenBackends() {
    }

    /** {@code simulation}, or {@code agent (<providers>)}: what the run will use, for the CLI to say. */
    static String describe(boolean simulate, Map<String, String> environment) {
        List<String> providers = Client.fromEnv(environment).providerNames();
        return simulate || providers.isEmpty() ? "simulation" : "agent (" + String.join(", ", providers) + ")";
    }

    /**
     * The backend for a run; the caller closes it when it is {@link AutoCloseable}. A stage's agent works in the
     * environment {@code environments} gives for its node and context (a parallel branch's worktree, a node's own
     * sandbox, else the run's). Agent events go into the engine's stream once the engine exists ({@code engine}
     * returns null before that).
     */
    static CodergenBackend open(boolean simulate, Map<String, String> environment, StageEnvironments environments,
            Supplier<PipelineEngine> engine, StageJudge judge, SpendGate spend) {
        Client configured = Client.fromEnv(environment);
        if (simulate || configured.providerNames().isEmpty()) {
            SimulatedAgent simulated = new SimulatedAgent();
            simulated.useJudge(judge);
            return simulated;
        }
        Client client = configured.withMiddleware(Middlewares.retry(RetryPolicy.DEFAULT));
        AgentCodergenBackend backend = new AgentCodergenBackend(client, environments, AgentBackendOptions.defaults());
        backend.useJudge(judge);
        backend.meter(spend);
        backend.addSink((nodeId, event) -> {
            PipelineEngine current = engine.get();
            if (current != null) {
                current.publishAgentEvent(nodeId, AgentEventJson.toJson(event));
            }
        });
        return backend;
    }
}
