package io.nightshift.runtime;

import io.nightshift.llm.Client;
import io.nightshift.pipeline.handler.CodergenBackend;
import io.nightshift.runtime.agent.AgentBackendOptions;
import io.nightshift.runtime.agent.AgentCodergenBackend;
import io.nightshift.runtime.agent.SimulatedAgent;
import io.nightshift.runtime.agent.SpendGate;
import io.nightshift.runtime.agent.StageEnvironments;
import io.nightshift.runtime.agent.StageJudge;
import java.util.List;
import java.util.Map;

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
     * sandbox, else the run's). Agent events go into the event stream each stage call carries.
     * {@code model} is the provider and model of stages that name none.
     */
    static CodergenBackend open(boolean simulate, Map<String, String> environment, StageEnvironments environments,
            StageJudge judge, ModelRequirement.ModelChoice model,
            SpendGate spend) {
        Client configured = Client.fromEnv(environment);
        if (simulate || configured.providerNames().isEmpty()) {
            SimulatedAgent simulated = new SimulatedAgent();
            simulated.useJudge(judge);
            return simulated;
        }
        // no client retry middleware: each agent session retries transient faults itself (ModelRetry), also
        // after a stream has started; both layers would multiply the attempts
        AgentCodergenBackend backend = new AgentCodergenBackend(configured, environments,
                new AgentBackendOptions(model.provider(), model.model(), null, null));
        backend.useJudge(judge);
        backend.meter(spend);
        return backend;
    }
}
