package io.nightshift.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code GET /pipelines}: one page of runs, newest first, and the total. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunListJson(List<RunStatusJson> runs, int offset, int limit, int total) {
}
