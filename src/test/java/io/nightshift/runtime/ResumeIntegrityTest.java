package io.nightshift.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 item 8: one process per run directory, and a resume keeps the run's LLM backend. */
class ResumeIntegrityTest {

    @TempDir
    Path dir;

    /** Another process holding the run directory, as a running {@code nightshift run} does. */
    private static final String HOLDER = """
            import java.nio.channels.FileChannel;
            import java.nio.file.*;
            class Holder {
                public static void main(String[] a) throws Exception {
                    FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    c.lock();
                    c.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\\n").getBytes()), 0);
                    System.out.println("locked");
                    Thread.sleep(120_000);
                }
            }
            """;

    @Test
    void aSecondProcessIsRefusedWhileTheFirstHoldsTheRunDirectoryAndACrashLeavesNoLockBehind() throws Exception {
        Path source = Files.writeString(dir.resolve("Holder.java"), HOLDER);
        Path runDir = Files.createDirectories(dir.resolve("run"));
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                source.toString(), runDir.resolve(RunLock.FILE).toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");

            assertThatThrownBy(() -> RunLock.acquire(runDir)).isInstanceOf(UnusableInputException.class)
                    .hasMessageContaining("in use by another nightshift process (pid " + holder.pid() + ")")
                    .hasMessageContaining("--resume " + runDir);
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        try (RunLock lock = RunLock.acquire(runDir)) {
            assertThat(Files.readString(runDir.resolve(RunLock.FILE)).strip())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
    }

    @Test
    void aSecondRunInTheSameProcessIsRefusedToo() {
        try (RunLock first = RunLock.acquire(dir)) {
            assertThatThrownBy(() -> RunLock.acquire(dir)).isInstanceOf(UnusableInputException.class)
                    .hasMessageContaining("is in use by another nightshift process");
        }
        RunLock.acquire(dir).close();
    }

    @Test
    void aResumeThatWouldSimulateARunStartedWithAModelIsRefusedUnlessAllowed() {
        RunBackendRecord.check(dir, "agent (anthropic)", false, false);

        assertThatThrownBy(() -> RunBackendRecord.check(dir, "simulation", true, false))
                .isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("it ran with agent (anthropic) and this resume would use simulation")
                .hasMessageContaining("--allow-backend-change");
        RunBackendRecord.check(dir, "agent (anthropic)", true, false);
        assertThat(RunBackendRecord.read(dir)).contains("agent (anthropic)");

        RunBackendRecord.check(dir, "simulation", true, true);
        assertThat(RunBackendRecord.read(dir)).contains("simulation");
    }
}
