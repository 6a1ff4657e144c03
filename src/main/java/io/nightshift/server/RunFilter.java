package io.nightshift.server;

import io.nightshift.runtime.service.RunSnapshot;
import io.nightshift.runtime.service.RunState;
import jakarta.ws.rs.BadRequestException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The run list's filters ({@code GET /pipelines?status=&pipeline=&suite=}): a run's status (wire name), its
 * pipeline (the graph's name), a holdout suite it was judged against. An absent or empty filter keeps every run.
 */
record RunFilter(RunState status, String pipeline, String suite) {

    /** @throws BadRequestException when {@code status} is not a status a run can have, listing those */
    static RunFilter of(String status, String pipeline, String suite) {
        RunState state = null;
        if (status != null && !status.isBlank()) {
            state = RunState.ofWireName(status.strip()).orElseThrow(() -> new BadRequestException(
                    "query parameter 'status' must be one of " + Arrays.stream(RunState.values())
                            .map(RunState::wireName).collect(Collectors.joining(", ")) + ", got '"
                            + (status.length() > 40 ? status.substring(0, 40) + "..." : status) + "'"));
        }
        return new RunFilter(state, blankToNull(pipeline), blankToNull(suite));
    }

    boolean test(RunSnapshot run) {
        return (status == null || run.state() == status) && (pipeline == null || pipeline.equals(run.pipeline()))
                && (suite == null || run.satisfactionBySuite().containsKey(suite));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
