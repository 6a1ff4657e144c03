package io.nightshift.runtime.worker;

import io.nightshift.event.EventSink;
import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.run.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The engine's sink on a worker: sends each event to the service as it happens and, at every checkpoint, the run
 * directory, so the service always holds the last checkpoint. Events the service could not take wait for the next
 * send. A refusal (the lease was taken over) or a cancel from the service stops the run through {@code stop}; after
 * a refusal nothing more is sent.
 */
final class EventRelay implements EventSink {

    /** Files the worker keeps to itself: the service has its own events.jsonl (the events it accepted). */
    static final Set<String> LOCAL_FILES = Set.of("events.jsonl");

    private final ServiceClient service;
    private final String runId;
    private final long epoch;
    private final Path runDir;
    private final java.util.function.Consumer<String> stop;
    private final List<String> unsent = new ArrayList<>();
    private volatile String fenced;

    EventRelay(ServiceClient service, String runId, long epoch, Path runDir, java.util.function.Consumer<String> stop) {
        this.service = service;
        this.runId = runId;
        this.epoch = epoch;
        this.runDir = runDir;
        this.stop = stop;
    }

    @Override
    public synchronized void accept(PipelineEvent event) {
        if (fenced != null) {
            return;
        }
        try {
            unsent.add(Json.mapper().writeValueAsString(event));
        } catch (IOException e) {
            return;
        }
        try {
            flush();
            if (event instanceof PipelineEvent.CheckpointSaved) {
                service.putFiles(runId, epoch, runDir, LOCAL_FILES);
            }
        } catch (IOException unreachable) {
            // kept: sent with the next event, or at the end
        } catch (FencedException e) {
            fence(e.getMessage());
        }
    }

    /** Sends what is waiting. */
    synchronized void flush() throws IOException, FencedException {
        if (fenced != null || unsent.isEmpty()) {
            return;
        }
        boolean cancel = service.events(runId, epoch, List.copyOf(unsent));
        unsent.clear();
        if (cancel) {
            stop.accept("cancelled over HTTP");
        }
    }

    /** Why the service refused this worker's writes; null while it holds the lease. */
    String fenced() {
        return fenced;
    }

    void fence(String why) {
        fenced = why;
        stop.accept("another worker took the run over (" + why + ")");
    }
}
