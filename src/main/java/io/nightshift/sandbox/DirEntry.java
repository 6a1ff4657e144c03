package io.nightshift.sandbox;

/** One entry of {@link ExecutionEnvironment#listDirectory}: a path relative to the listed directory. */
public record DirEntry(String name, boolean isDir, Long size) {
}
