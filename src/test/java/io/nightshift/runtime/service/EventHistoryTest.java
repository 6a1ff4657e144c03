package io.nightshift.runtime.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventHistoryTest {

    @TempDir
    Path dir;

    private static EventHistory.Entry entry(long seq) {
        return new EventHistory.Entry(seq, "stage_started", Instant.now(),
                "{\"type\":\"stage_started\",\"seq\":" + seq + ",\"timestamp\":\"" + Instant.now() + "\"}");
    }

    /** The engine writes events.jsonl and the history side by side; this mimics both. */
    private EventHistory historyWith(int events, int capacity) throws Exception {
        Path file = dir.resolve("events.jsonl");
        EventHistory h = new EventHistory(file, capacity, 0, false);
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= events; i++) {
            EventHistory.Entry e = entry(i);
            lines.append(e.json()).append('\n');
            h.append(e);
        }
        Files.writeString(file, lines);
        return h;
    }

    @Test
    void readerFarBehindTheMemoryWindowIsServedFromTheEventsFileWithoutGaps() throws Exception {
        EventHistory h = historyWith(100, 16);
        h.close();
        List<Long> seen = new ArrayList<>();
        long cursor = 0;
        while (!h.exhausted(cursor)) {
            for (EventHistory.Entry e : h.next(cursor, 7, Duration.ofMillis(10))) {
                seen.add(e.seq());
                cursor = e.seq();
            }
        }
        assertThat(seen).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList());
    }

    @Test
    void waitingReaderWakesOnTheNextEventAndTimesOutWhenNoneComes() throws Exception {
        EventHistory h = historyWith(2, 16);
        assertThat(h.next(2, 10, Duration.ofMillis(50))).isEmpty();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                return;
            }
            h.append(entry(3));
        });
        assertThat(h.next(2, 10, Duration.ofSeconds(10))).extracting(EventHistory.Entry::seq).containsExactly(3L);
        assertThat(h.exhausted(3)).isFalse();
        h.close();
        assertThat(h.exhausted(3)).isTrue();
    }

    @Test
    void recoveredRunReplaysItsFileFromTheStart() throws Exception {
        historyWith(5, 16);
        EventHistory recovered = new EventHistory(dir.resolve("events.jsonl"), 16, 5, true);
        assertThat(recovered.next(2, 10, Duration.ZERO)).extracting(EventHistory.Entry::seq)
                .containsExactly(3L, 4L, 5L);
    }
}
