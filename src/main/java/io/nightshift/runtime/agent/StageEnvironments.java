package io.nightshift.runtime.agent;

import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.state.Context;
import io.nightshift.sandbox.ExecutionEnvironment;

/**
 * Where the agent of a stage runs its tools: the run's environment, a parallel branch's, or a node's own sandbox
 * when its {@code sandbox.*} settings differ from the run's.
 */
@FunctionalInterface
public interface StageEnvironments {

    ExecutionEnvironment forStage(Node node, Context context);

    /** Every stage in {@code environment}. */
    static StageEnvironments fixed(ExecutionEnvironment environment) {
        return (node, context) -> environment;
    }
}
