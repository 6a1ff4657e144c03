package io.nightshift.workspace;

import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * Run by {@link LargeFileMemoryTest} in a JVM with a heap far smaller than the file: imports a directory holding a
 * 200 MB file, changes the file, commits a stage and delivers. Succeeds only if nothing holds the file in memory.
 */
public final class LargeFileChild {

    private LargeFileChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        long size = Long.parseLong(args[2]);
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve("big.bin").toFile(), "rw")) {
            file.setLength(size);
        }
        try (Workspace ws = Workspaces.adopt(AdoptRequest.of(dir, "big"))) {
            try (RandomAccessFile file = new RandomAccessFile(dir.resolve("big.bin").toFile(), "rw")) {
                file.seek(size / 2);
                file.write("changed in the middle".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            StageCommit commit = ws.commit().stage("big", "Big", 1).call();
            Deliverables delivered = ws.deliver(out, false);
            System.out.println("OK " + commit.head() + " " + delivered.commitCount() + " "
                    + String.join(";", commit.warnings()));
        }
    }
}
