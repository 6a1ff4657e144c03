package io.nightshift.agent.session;

import io.nightshift.agent.subagent.ScopedExecutionEnvironment;
import io.nightshift.agent.subagent.SubAgentResult;
import io.nightshift.agent.subagent.SubAgentStatus;
import io.nightshift.agent.tool.AgentSpawner;
import io.nightshift.agent.tool.ToolFailure;
import io.nightshift.sandbox.ExecutionEnvironment;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session's subagents (coding-agent spec 7): each child is a {@link Session} of its own with an independent
 * history, sharing the parent's execution environment (optionally scoped to a subdirectory), the parent's
 * profile family and client, and forwarding its events to the parent's sinks. Children run on virtual threads.
 */
final class SubAgentManager implements AgentSpawner {

    private record Child(Session session, CompletableFuture<ProcessingResult> work) {
    }

    private final Session parent;
    private final Map<String, Child> children = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();

    SubAgentManager(Session parent) {
        this.parent = parent;
    }

    @Override
    public String spawn(String task, String workingDir, String model, int maxTurns) {
        if (parent.depth() >= parent.config().maxSubagentDepth()) {
            throw depthLimit();
        }
        if (maxTurns < 0) {
            throw new ToolFailure("max_turns must be 0 (unlimited) or more, got " + maxTurns);
        }
        ExecutionEnvironment env = parent.environment();
        if (workingDir != null) {
            if (env.listDirectory(workingDir, 1) == null) {
                throw new ToolFailure("working_dir " + workingDir + " is not a directory");
            }
            env = new ScopedExecutionEnvironment(env, workingDir);
        }
        SessionConfig config = parent.config().toBuilder().maxTurns(maxTurns).build();
        Session child = Session.builder(parent.client(), parent.profile().withModel(
                        model == null ? parent.profile().model() : model), env)
                .config(config).clock(parent.clock()).parent(parent).sink(parent.emitter()::emit).build();
        String id = "agent-" + counter.incrementAndGet();
        children.put(id, new Child(child, child.submitAsync(task)));
        return id;
    }

    @Override
    public void sendInput(String agentId, String message) {
        Child child = child(agentId);
        if (child.session().state() == SessionState.PROCESSING) {
            child.session().steer(message);
        } else {
            children.put(agentId, new Child(child.session(), child.session().submitAsync(message)));
        }
    }

    @Override
    public String await(String agentId) throws InterruptedException {
        Child child = child(agentId);
        return result(child).toJson();
    }

    @Override
    public String close(String agentId) {
        Child child = children.remove(agentId);
        if (child == null) {
            throw unknown(agentId);
        }
        SubAgentStatus status = status(child);
        child.session().abort();
        child.session().close();
        return "{\"agent_id\": \"" + agentId + "\", \"status\": \"" + status.name().toLowerCase() + "\", \"closed\": true}";
    }

    /** Aborts every child (parent shutdown, Appendix B step 6). */
    void closeAll() {
        for (String id : children.keySet()) {
            Child child = children.remove(id);
            if (child != null) {
                child.session().abort();
            }
        }
    }

    /** A view that refuses to spawn (the depth limit is reached) but still manages existing children. */
    AgentSpawner refusing() {
        SubAgentManager self = this;
        return new AgentSpawner() {
            @Override
            public String spawn(String task, String workingDir, String model, int maxTurns) {
                throw depthLimit();
            }

            @Override
            public void sendInput(String agentId, String message) {
                self.sendInput(agentId, message);
            }

            @Override
            public String await(String agentId) throws InterruptedException {
                return self.await(agentId);
            }

            @Override
            public String close(String agentId) {
                return self.close(agentId);
            }
        };
    }

    private SubAgentResult result(Child child) throws InterruptedException {
        try {
            ProcessingResult done = child.work().get();
            int turns = 0;
            for (Turn turn : child.session().history()) {
                if (turn instanceof Turn.AssistantTurn) {
                    turns++;
                }
            }
            String output = done.error() == null ? done.finalText()
                    : done.finalText() + (done.finalText().isEmpty() ? "" : "\n") + "[error: " + done.error() + "]";
            return new SubAgentResult(output, done.completedNaturally(), turns);
        } catch (ExecutionException e) {
            return new SubAgentResult("the subagent failed: " + e.getCause().getMessage(), false, 0);
        }
    }

    private static SubAgentStatus status(Child child) {
        if (!child.work().isDone()) {
            return SubAgentStatus.RUNNING;
        }
        ProcessingResult done = child.work().getNow(null);
        return done != null && done.completedNaturally() ? SubAgentStatus.COMPLETED : SubAgentStatus.FAILED;
    }

    private Child child(String agentId) {
        Child child = children.get(agentId);
        if (child == null) {
            throw unknown(agentId);
        }
        return child;
    }

    private ToolFailure unknown(String agentId) {
        return new ToolFailure("no subagent with id '" + agentId + "'; known: "
                + (children.isEmpty() ? "none" : String.join(", ", children.keySet())));
    }

    private ToolFailure depthLimit() {
        return new ToolFailure("cannot spawn a subagent: this session is at depth " + parent.depth()
                + " and max_subagent_depth is " + parent.config().maxSubagentDepth() + "; do the work yourself");
    }
}
