package io.nightshift.pipeline.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records retry delays instead of sleeping. */
public final class RecordingSleeper implements Sleeper {

    private final List<Duration> delays = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration delay) {
        delays.add(delay);
    }

    public synchronized List<Long> millis() {
        return delays.stream().map(Duration::toMillis).toList();
    }
}
