package io.nightshift.agent.patch;

/** One change to make on disk once a whole patch has been verified. */
public sealed interface FileChange {

    String path();

    /** A one-line summary for the model: {@code A path}, {@code M path}, {@code D path}, {@code R old -> new}. */
    String summary();

    record Write(String path, String content, String summary) implements FileChange {
    }

    record Remove(String path, String summary) implements FileChange {
    }
}
