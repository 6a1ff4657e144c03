package io.nightshift.sandbox.docker;

import java.time.Instant;

/** One managed container as {@code nightshift sandbox ls} shows it. */
public record SandboxInfo(String id, String name, String runId, String owner, boolean ownerDead, String state,
        String status, Instant created) {
}
