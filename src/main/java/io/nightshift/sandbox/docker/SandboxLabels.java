package io.nightshift.sandbox.docker;

import java.util.Map;

/** The labels every container and network Nightshift creates carries; the reaper and {@code sandbox ls} filter on them. */
public final class SandboxLabels {

    /** Always {@code true}: marks everything Nightshift manages. */
    public static final String MANAGED = "io.nightshift.managed";
    /** The run the sandbox was created for ({@code pool} for a warm container not yet handed out). */
    public static final String RUN = "io.nightshift.run";
    /** {@code pid@host} of the process that created it; the reaper removes sandboxes whose owner is dead. */
    public static final String OWNER = "io.nightshift.owner";
    /** The pool a warm container belongs to. */
    public static final String POOL = "io.nightshift.pool";
    /** What the container is for, when it is not an agent's sandbox: {@value #ROLE_JUDGE} for a judge container. */
    public static final String ROLE = "io.nightshift.role";
    public static final String ROLE_JUDGE = "judge";
    /** The judgment a judge container belongs to, so that all of one judgment's containers can be swept at once. */
    public static final String JUDGMENT = "io.nightshift.judgment";

    public static final String POOL_RUN = "pool";

    private SandboxLabels() {
    }

    /** The labels for a sandbox of {@code runId} owned by this process. */
    public static Map<String, String> forRun(String runId) {
        return Map.of(MANAGED, "true", RUN, runId, OWNER, OwnerId.current().toString());
    }

    /** The labels for a judge container of judgment {@code judgmentId} in {@code runId}, owned by this process. */
    public static Map<String, String> forJudge(String runId, String judgmentId) {
        return Map.of(MANAGED, "true", RUN, runId, OWNER, OwnerId.current().toString(), ROLE, ROLE_JUDGE,
                JUDGMENT, judgmentId);
    }

    /** The filter matching everything Nightshift manages. */
    public static Map<String, String> managedFilter() {
        return Map.of(MANAGED, "true");
    }
}
