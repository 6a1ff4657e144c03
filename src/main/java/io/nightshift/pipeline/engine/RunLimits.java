package io.nightshift.pipeline.engine;

import io.nightshift.pipeline.budget.Budget;
import io.nightshift.pipeline.budget.SpendMeter;
import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.handler.WorkspaceHooks;
import io.nightshift.pipeline.run.FinalReport;
import io.nightshift.pipeline.state.Context;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** How the engine reads a run's bounds from its config and graph, and reports them. */
final class RunLimits {

    private RunLimits() {
    }

    /** {@code --stall-timeout}, else the graph's {@code stall_timeout}, else 15 minutes; zero turns the watchdog off. */
    static Duration stallTimeout(RunConfig config, Graph graph) {
        if (config.stallTimeout() != null) {
            return config.stallTimeout();
        }
        return graph.attrs().duration("stall_timeout").orElse(StallWatchdog.DEFAULT_TIMEOUT);
    }

    /** The budgets nodes set for themselves ({@code max_tokens}, {@code max_cost_usd}). */
    static Map<String, Budget> nodeBudgets(Graph graph) {
        Map<String, Budget> out = new HashMap<>();
        for (Node node : graph.nodes().values()) {
            Budget own = Budget.ofNode(node.attrs());
            if (!own.isEmpty()) {
                out.put(node.id(), own);
            }
        }
        return out;
    }

    /** Emits a {@code model_call_completed} event for every call the meter records. */
    static SpendMeter.Listener modelCallEvents(EventBus bus) {
        return (call, stage, total) -> bus.emit((run, seq, at) -> new PipelineEvent.ModelCallCompleted(run, seq, at,
                call.nodeId(), call.provider(), call.model(), call.inputTokens(), call.cachedInputTokens(),
                call.outputTokens(), call.reasoningTokens(), call.tokens(), call.costUsd(), stage.tokens(),
                stage.costUsd(), total.tokens(), total.costUsd(), total.costKnown()));
    }

    static FinalReport finalReport(RunResult result, Context context) {
        return new FinalReport(result.status().finalName(), result.failureReason(), result.failedNode(),
                context.getString(WorkspaceHooks.COMMIT_KEY, ""), result.spend().total().tokens(),
                result.spend().total().costUsd(), result.spend().total().costKnown(), result.simulated(),
                result.durationMs(), result.spend());
    }
}
