package io.nightshift.runtime.service;

import io.nightshift.pipeline.run.EventsFile;
import io.nightshift.runtime.PipelineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 16's load figure ({@code bin/bench queue [jobs] [concurrent]}): N simulated jobs through the durable queue
 * with C admitted at once; checks that none is lost and each ends once, and prints the time per job (wall time over
 * jobs, with the queue's fsync'd writes included).
 */
public final class QueueBench {

    private static final String JOB = """
            digraph bench {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                plan  [prompt="plan"]
                build [prompt="build"]
                start -> plan -> build -> exit
            }
            """;

    private QueueBench() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int concurrent = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path runs = Files.createTempDirectory("ns-queue-bench");
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>();
        int succeeded;
        try (RunRegistry registry = new RunRegistry(runs, new PipelineLoader(), Map.of(), e -> { }, concurrent, 64,
                true)) {
            for (int i = 0; i < jobs; i++) {
                ids.add(registry.submit(new RunSubmission("job", JOB, "bench.dot", true, true, "job " + i, Map.of(),
                        null, null, null, "local", null), "bench").id());
            }
            long queuedAt = System.nanoTime();
            System.out.printf("queue: %d jobs queued in %.1f ms (%.2f ms per submission, fsync'd)%n", jobs,
                    (queuedAt - start) / 1e6, (queuedAt - start) / 1e6 / jobs);
            for (String id : ids) {
                while (!registry.get(id).state().terminal()) {
                    Thread.sleep(5);
                }
            }
            succeeded = (int) ids.stream().filter(id -> registry.get(id).state() == RunState.SUCCEEDED).count();
        }
        long wall = System.nanoTime() - start;
        int endedOnce = 0;
        for (String id : ids) {
            long finals = EventsFile.readTrees(runs.resolve(id).resolve("events.jsonl")).stream()
                    .filter(e -> e.path("type").asText().equals("pipeline_completed")).count();
            endedOnce += finals == 1 ? 1 : 0;
        }
        System.out.printf("queue: %d jobs, %d at once: %d succeeded, %d ended exactly once, %d lost; wall %.1f s,"
                + " %.1f ms per job%n", jobs, concurrent, succeeded, endedOnce, jobs - succeeded, wall / 1e9,
                wall / 1e6 / jobs);
        if (succeeded != jobs || endedOnce != jobs) {
            System.exit(1);
        }
    }
}
