package io.nightshift.pipeline.engine;

import io.nightshift.event.EventEmitter;
import io.nightshift.event.EventSink;
import io.nightshift.event.PipelineEvent;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stamps events with run id, sequence and time and hands them to the sinks in order; drops sink failures. */
final class EventBus implements EventEmitter {

    private final String runId;
    private final Clock clock;
    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    private long seq;

    EventBus(String runId, Clock clock, long lastSeq, List<EventSink> sinks) {
        this.runId = runId;
        this.clock = clock;
        this.seq = lastSeq;
        this.sinks.addAll(sinks);
    }

    @Override
    public synchronized void emit(Factory factory) {
        PipelineEvent event = factory.create(runId, ++seq, clock.instant());
        for (EventSink sink : sinks) {
            try {
                sink.accept(event);
            } catch (Throwable dropped) {
                // a sink must not throw (EventSink contract); one that does loses this event, the run goes on
            }
        }
    }

    void addSink(EventSink sink) {
        sinks.add(sink);
    }

    void removeSink(EventSink sink) {
        sinks.remove(sink);
    }
}
