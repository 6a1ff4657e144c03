package io.nightshift.agent.tool;

/**
 * What the subagent tools (coding-agent spec 7.2) need from the session that runs them. Implemented by the
 * session's subagent manager; every method reports problems the model can fix as a {@link ToolFailure}.
 */
public interface AgentSpawner {

    /** Starts a child session on {@code task}; returns its id. */
    String spawn(String task, String workingDir, String model, int maxTurns);

    /** Queues a message for a child: steering while it works, a new input once it is idle. */
    void sendInput(String agentId, String message);

    /** Waits for the child's current work to finish; returns its result as text for the model. */
    String await(String agentId) throws InterruptedException;

    /** Aborts and forgets a child; returns its final status. */
    String close(String agentId);
}
