package io.nightshift.workspace;

import java.util.List;
import java.util.Objects;

/**
 * How a workspace commits: the identity on its commits, the path patterns it never commits ({@code denyPatterns}),
 * the patterns a stage must not change ({@code protectedPatterns}) and the size above which a committed file earns a
 * warning, and the disk bound of the whole working directory ({@code maxBytes}, {@code .git} and ignored files
 * included: see {@link DiskBound}). Patterns use gitignore-like globs (see {@link PathPatterns}).
 */
public record WorkspaceSettings(Identity identity, List<String> denyPatterns, List<String> protectedPatterns,
                                long largeFileThresholdBytes, long maxBytes) {

    public static final List<String> DEFAULT_DENY_PATTERNS = List.of(".env", "*.pem", "id_*");
    public static final long DEFAULT_LARGE_FILE_THRESHOLD = 50L * 1024 * 1024;
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024 * 1024;

    public WorkspaceSettings {
        Objects.requireNonNull(identity, "identity");
        denyPatterns = List.copyOf(denyPatterns);
        protectedPatterns = List.copyOf(protectedPatterns);
        if (largeFileThresholdBytes <= 0) {
            throw new IllegalArgumentException("largeFileThresholdBytes must be positive, got " + largeFileThresholdBytes);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the workspace disk bound must be positive, got " + maxBytes);
        }
        PathPatterns.of(denyPatterns);
        PathPatterns.of(protectedPatterns);
    }

    /**
     * The Nightshift identity, the default deny list, no protected paths, a 50 MB warning threshold, a 10 GiB
     * disk bound.
     */
    public static WorkspaceSettings defaults() {
        return new WorkspaceSettings(Identity.NIGHTSHIFT, DEFAULT_DENY_PATTERNS, List.of(), DEFAULT_LARGE_FILE_THRESHOLD,
                DEFAULT_MAX_BYTES);
    }

    public WorkspaceSettings withIdentity(Identity value) {
        return new WorkspaceSettings(value, denyPatterns, protectedPatterns, largeFileThresholdBytes, maxBytes);
    }

    public WorkspaceSettings withDenyPatterns(List<String> value) {
        return new WorkspaceSettings(identity, value, protectedPatterns, largeFileThresholdBytes, maxBytes);
    }

    public WorkspaceSettings withProtectedPatterns(List<String> value) {
        return new WorkspaceSettings(identity, denyPatterns, value, largeFileThresholdBytes, maxBytes);
    }

    public WorkspaceSettings withLargeFileThreshold(long bytes) {
        return new WorkspaceSettings(identity, denyPatterns, protectedPatterns, bytes, maxBytes);
    }

    public WorkspaceSettings withMaxBytes(long bytes) {
        return new WorkspaceSettings(identity, denyPatterns, protectedPatterns, largeFileThresholdBytes, bytes);
    }
}
