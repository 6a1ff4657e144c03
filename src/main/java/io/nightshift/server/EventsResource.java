package io.nightshift.server;

import io.nightshift.runtime.service.EventHistory;
import io.nightshift.runtime.service.ManagedRun;
import io.nightshift.runtime.service.RunRegistry;
import io.nightshift.runtime.wiring.ServerConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /pipelines/{id}/events}: Server-Sent Events, one per run event, {@code id:} = its sequence number,
 * {@code data:} = its JSON line. Starts after {@code Last-Event-ID} (or {@code ?last_event_id=}), else from the
 * first event; comment heartbeats on idle streams; the stream ends after the run's final event. Each client is
 * served by its own virtual thread pulling from the run's history, so a slow client holds up nobody else.
 */
@Path("/pipelines/{id}/events")
public class EventsResource {

    private static final int BATCH = 256;
    /** The comment that opens every stream (clients ignore comments); heartbeats say {@code heartbeat}. */
    static final String OPENED = "open";

    @Inject
    RunRegistry registry;

    @Inject
    ServerConfig config;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@PathParam("id") String id, @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("last_event_id") String lastEventQuery, @Context SseEventSink sink, @Context Sse sse) {
        ManagedRun run = registry.get(id);
        long cursor = parse(lastEventId != null ? lastEventId : lastEventQuery);
        // The response head goes out here, on the request's thread, before the streaming thread starts. Otherwise
        // that thread's first send (which writes the head when none was written) races RESTEasy's own initial SSE
        // response, written on this thread once the method returns; under load the two interleave, the send fails
        // and the client gets an empty stream. With the head written, the framework leaves the response alone.
        sink.send(sse.newEventBuilder().comment(OPENED).build());
        Thread.ofVirtual().name("sse-" + id).start(() -> stream(run.history(), cursor, sink, sse));
    }

    private void stream(EventHistory history, long start, SseEventSink sink, Sse sse) {
        long cursor = start;
        Duration heartbeat = Duration.ofSeconds(Math.max(1, config.heartbeatSeconds()));
        try (sink) {
            while (!sink.isClosed()) {
                List<EventHistory.Entry> batch = history.next(cursor, BATCH, heartbeat);
                if (batch.isEmpty()) {
                    if (history.exhausted(cursor)) {
                        return;
                    }
                    sink.send(sse.newEventBuilder().comment("heartbeat").build()).toCompletableFuture()
                            .get(60, TimeUnit.SECONDS);
                    continue;
                }
                java.util.concurrent.CompletionStage<?> written = null;
                for (EventHistory.Entry e : batch) {
                    written = sink.send(sse.newEventBuilder().id(Long.toString(e.seq())).data(e.json()).build());
                    cursor = e.seq();
                }
                // one wait per batch: the client's connection paces this loop, and only this loop
                written.toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception gone) {
            // the client went away or stopped reading for a minute: its stream ends, nothing else is affected
        }
    }

    private static long parse(String id) {
        if (id == null || id.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(id.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
