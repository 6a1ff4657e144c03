package io.nightshift.bench;

import io.nightshift.workspace.AdoptRequest;
import io.nightshift.workspace.StageCommit;
import io.nightshift.workspace.Workspace;
import io.nightshift.workspace.Workspaces;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Issue 6 budget: a stage commit in a 10,000-file repository with 10 changed files, under 300 ms.
 * Each invocation first rewrites 10 files (not measured), then measures {@code commit().stage(...).call()}:
 * the scan over index and working tree, hashing only the changed files, tree and commit writing, index write.
 * Run with {@code java -cp <test classpath> io.nightshift.bench.StageCommitBenchmark}; sample-time mode, so the
 * report has the median (p0.50).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StageCommitBenchmark {

    private static final int DIRECTORIES = 100;
    private static final int FILES_PER_DIRECTORY = 100;
    private static final int CHANGED = 10;

    private Path root;
    private Workspace workspace;
    private int round;

    @Setup(Level.Trial)
    public void createRepository() throws IOException {
        root = Files.createTempDirectory("nightshift-bench");
        Path repo = Files.createDirectories(root.resolve("repo"));
        for (int d = 0; d < DIRECTORIES; d++) {
            Path dir = Files.createDirectories(repo.resolve("module" + d).resolve("src"));
            for (int f = 0; f < FILES_PER_DIRECTORY; f++) {
                Files.writeString(dir.resolve("File" + f + ".java"),
                        "class File" + f + " {\n    int value = " + (d * 1000 + f) + ";\n}\n");
            }
        }
        workspace = Workspaces.adopt(AdoptRequest.of(repo, "bench"));
    }

    @Setup(Level.Invocation)
    public void changeTenFiles() throws IOException {
        round++;
        for (int i = 0; i < CHANGED; i++) {
            Path file = workspace.directory().resolve("module" + (i * 7 % DIRECTORIES)).resolve("src")
                    .resolve("File" + (i * 13 % FILES_PER_DIRECTORY) + ".java");
            Files.writeString(file, "class Changed {\n    int round = " + round + ";\n}\n");
        }
    }

    @Benchmark
    public StageCommit stageCommit10Of10kFiles() {
        StageCommit result = workspace.commit().stage("implement", "Implement", round).outcome("success").call();
        if (!(result instanceof StageCommit.Committed committed) || committed.changedPaths().size() != CHANGED) {
            throw new IllegalStateException("expected a commit of " + CHANGED + " files, got " + result);
        }
        return result;
    }

    @TearDown(Level.Trial)
    public void removeRepository() throws IOException {
        workspace.close();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Runs briefly: 1 fork, 3 warmup and 5 measurement iterations. Extra JMH options pass through. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(StageCommitBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .build();
        new Runner(options).run();
    }
}
