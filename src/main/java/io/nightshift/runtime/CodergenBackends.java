package io.nightshift.runtime;

import io.nightshift.agent.event.AgentEventJson;
import io.nightshift.llm.Client;
import io.nightshift.llm.Middlewares;
import io.nightshift.llm.RetryPolicy;
import io.nightshift.pipeline.engine.PipelineEngine;
import io.nightshift.pipeline.handler.CodergenBackend;
import io.nightshift.pipeline.handler.SimulationBackend;
import io.nightshift.runtime.agent.AgentBackendOptions;
import io.nightshift.runtime.agent.AgentCodergenBackend;
import io.nightshift.runtime.agent.StageEnvironments;
import io.nightshift.sandbox.ExecutionEnvironment;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which backend runs codergen stages: coding agents when an LLM provider is configured in the environment (an API
 * key, or an OpenAI-compatible server) and the run is not {@code --simulate}; the simulation backend otherwise.
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
     * The backend for a run; the caller closes it when it is {@link AutoCloseable}. Agent events go into the
     * engine's stream once the engine exists ({@code engine} returns null before that).
     */
    static CodergenBackend open(boolean simulate, Map<String, String> environment, ExecutionEnvironment tools,
            Supplier<PipelineEngine> engine) {
        return open(simulate, environment, StageEnvironments.fixed(tools), engine);
    }

    /** As above, with each stage's tools where {@code tools} says (parallel branches, per-node sandboxes). */
    static CodergenBackend open(boolean simulate, Map<String, String> environment, StageEnvironments tools,
            Supplier<PipelineEngine> engine) {
        Client configured = Client.fromEnv(environment);
        if (simulate || configured.providerNames().isEmpty()) {
            return new SimulationBackend();
        }
        Client client = configured.withMiddleware(Middlewares.retry(RetryPolicy.DEFAULT));
        AgentCodergenBackend backend = new AgentCodergenBackend(client, tools, AgentBackendOptions.defaults());
        backend.addSink((nodeId, event) -> {
            PipelineEngine current = engine.get();
            if (current != null) {
                current.publishAgentEvent(nodeId, AgentEventJson.toJson(event));
            }
        });
        return backend;
    }
}
