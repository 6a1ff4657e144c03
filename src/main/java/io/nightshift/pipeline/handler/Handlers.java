package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.graph.HandlerTypes;
import io.nightshift.pipeline.human.Interviewer;
import io.nightshift.sandbox.ExecutionEnvironment;
import java.time.Duration;

/** Factories of the built-in handlers. */
public final class Handlers {

    private Handlers() {
    }

    /**
     * A registry with every built-in type of attractor-spec 2.8.
     *
     * @param backend the codergen backend (use {@link SimulationBackend} for simulate mode)
     * @param interviewer answers wait.human gates; null makes human gates fail with a clear reason
     * @param environment runs tool commands; null makes tool nodes fail with a clear reason
     * @param graphLoader loads child pipelines for manager loops; null makes them fail with a clear reason
     * @param defaultToolTimeout the timeout of tool commands on nodes without {@code timeout}
     */
    public static HandlerRegistry builtIns(CodergenBackend backend, Interviewer interviewer,
            ExecutionEnvironment environment, GraphLoader graphLoader, Duration defaultToolTimeout) {
        return builtIns(backend, interviewer, environment, graphLoader, defaultToolTimeout, WorkspaceHooks.NONE);
    }

    /**
     * As {@link #builtIns(CodergenBackend, Interviewer, ExecutionEnvironment, GraphLoader, Duration)}, with the
     * workspace hooks that give parallel branches their own workspace and environment and merge at fan-in.
     */
    public static HandlerRegistry builtIns(CodergenBackend backend, Interviewer interviewer,
            ExecutionEnvironment environment, GraphLoader graphLoader, Duration defaultToolTimeout,
            WorkspaceHooks workspace) {
        return new HandlerRegistry()
                .register(HandlerTypes.START, new StartHandler())
                .register(HandlerTypes.EXIT, new ExitHandler())
                .register(HandlerTypes.CODERGEN, new CodergenHandler(backend))
                .register(HandlerTypes.WAIT_HUMAN, new WaitHumanHandler(interviewer))
                .register(HandlerTypes.CONDITIONAL, new ConditionalHandler())
                .register(HandlerTypes.PARALLEL, new ParallelHandler(workspace))
                .register(HandlerTypes.FAN_IN, new FanInHandler(backend == null ? null : new BackendRanker(backend), workspace))
                .register(HandlerTypes.TOOL, new ToolHandler(environment, defaultToolTimeout, workspace))
                .register(HandlerTypes.MANAGER_LOOP, new ManagerLoopHandler(graphLoader));
    }
}
