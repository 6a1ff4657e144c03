package io.nightshift.sandbox.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model's turn often writes several files at once (the agent runs a turn's tool calls in parallel); files in the
 * same new directories must all be written, whichever call creates the directories first.
 */
class ParallelWritesTest {

    @TempDir
    Path ws;

    @Test
    void writesThatCreateTheSameNewDirectoriesAtOnceAllSucceed() throws Exception {
        WorkspaceFiles files = new WorkspaceFiles(WorkspacePaths.local(ws), TextSearch.detect(), null);
        int writers = 6;
        for (int round = 0; round < 20; round++) {
            String dir = "round" + round + "/a/b/c";
            CyclicBarrier together = new CyclicBarrier(writers);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    String name = dir + "/f" + i + ".txt";
                    writes.add(pool.submit(() -> {
                        together.await();
                        files.write(name, name);
                        return null;
                    }));
                }
                for (Future<?> w : writes) {
                    w.get();
                }
            } finally {
                pool.shutdownNow();
            }
            for (int i = 0; i < writers; i++) {
                assertThat(Files.readString(ws.resolve(dir + "/f" + i + ".txt"))).isEqualTo(dir + "/f" + i + ".txt");
            }
        }
    }
}
