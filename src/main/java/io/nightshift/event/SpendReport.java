package io.nightshift.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * A run's spend so far, as {@code checkpoint.json}, {@code final.json} and the API show it: in total, per stage
 * (node id), per provider, and the wall-clock time the run has used (over all its resumes).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SpendReport(Spend total, Map<String, Spend> byStage, Map<String, Spend> byProvider, long elapsedMs) {

    public static final SpendReport EMPTY = new SpendReport(Spend.ZERO, Map.of(), Map.of(), 0);

    public SpendReport {
        total = total == null ? Spend.ZERO : total;
        byStage = byStage == null ? Map.of() : Map.copyOf(byStage);
        byProvider = byProvider == null ? Map.of() : Map.copyOf(byProvider);
    }
}
