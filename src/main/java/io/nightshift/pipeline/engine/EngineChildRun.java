package io.nightshift.pipeline.engine;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.handler.ChildRun;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A child pipeline on its own {@link PipelineEngine}, run on a virtual thread (attractor-spec 4.11). */
final class EngineChildRun implements ChildRun {

    private final PipelineEngine engine;
    private final RunConfig config;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile RunResult result;
    private volatile String crash = "";

    EngineChildRun(PipelineEngine engine, RunConfig config) {
        this.engine = engine;
        this.config = config;
    }

    static EngineChildRun start(RunConfig config, Graph graph) {
        EngineChildRun child = new EngineChildRun(new PipelineEngine(config), config);
        Thread.ofVirtual().name("child-pipeline-" + graph.id()).start(() -> {
            try {
                child.result = child.engine.run(graph);
            } catch (RuntimeException e) {
                child.crash = e.getMessage() == null ? e.toString() : e.getMessage();
            } finally {
                child.done.countDown();
            }
        });
        return child;
    }

    @Override
    public String status() {
        if (done.getCount() > 0) {
            return "running";
        }
        RunResult r = result;
        if (r == null) {
            return "failed";
        }
        return switch (r.status()) {
            case SUCCESS -> "completed";
            case FAIL -> "failed";
            case CANCELLED -> "cancelled";
            case BUDGET_EXHAUSTED, STALLED -> "failed";
        };
    }

    @Override
    public int steer(String message) {
        return config.backend() == null || done.getCount() == 0 ? 0 : config.backend().steer(config.runId(), message);
    }

    @Override
    public String outcome() {
        if (done.getCount() > 0) {
            return "";
        }
        RunResult r = result;
        return r != null && r.succeeded() ? "success" : "fail";
    }

    @Override
    public String currentNode() {
        return engine.context().getString("current_node");
    }

    @Override
    public int completedNodes() {
        return engine.completedCount();
    }

    @Override
    public String failureReason() {
        RunResult r = result;
        return r != null ? r.failureReason() : crash;
    }

    @Override
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void cancel() {
        engine.cancel();
    }
}
