package io.nightshift.workspace;

import java.nio.file.Path;

/**
 * A commit's tree written out by {@link Snapshots#export}.
 *
 * @param commit the full commit id exported
 * @param directory where it was written
 * @param files regular files and symbolic links written
 * @param bytes total size of the regular files
 * @param submodules submodule entries, written as empty directories
 */
public record Snapshot(String commit, Path directory, int files, long bytes, int submodules) {
}
