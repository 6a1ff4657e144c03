package io.nightshift.runtime.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.nightshift.pipeline.budget.Budget;
import io.nightshift.runtime.RunDurations;
import java.time.Duration;

/**
 * The bounds a job or pipeline submission sets for its run: the fields {@code max_tokens}, {@code max_cost_usd},
 * {@code max_time} and {@code stall_timeout} (the graph attributes' names, the CLI's {@code --max-tokens},
 * {@code --max-cost}, {@code --max-time}, {@code --stall-timeout}). Each one set wins over the graph's; null leaves
 * the graph's (or no limit). Durations keep the text they were given ({@code 90s}, {@code 15m}, {@code 2h}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunBounds(Long maxTokens, Double maxCostUsd, String maxTime, String stallTimeout) {

    public static final RunBounds NONE = new RunBounds(null, null, null, null);

    private static final String DURATION_HINT = "write a whole number with ms, s, m, h or d, e.g. 90s, 15m or 2h";

    /**
     * Reads the fields as a request gives them (numbers may come as JSON numbers or strings; null is absent).
     *
     * @throws InvalidSubmissionException naming the field, the value and what to write instead
     */
    public static RunBounds parse(String maxTokens, String maxCostUsd, String maxTime, String stallTimeout) {
        return new RunBounds(tokens(maxTokens), cost(maxCostUsd), duration("max_time", maxTime),
                duration("stall_timeout", stallTimeout));
    }

    /** The run's budget: tokens, cost and time as set here. */
    public Budget budget() {
        return new Budget(maxTokens, maxCostUsd, toDuration("max_time", maxTime));
    }

    /** The stall timeout set here; null for the graph's or the default. */
    public Duration stallTimeoutDuration() {
        return toDuration("stall_timeout", stallTimeout);
    }

    /** Each bound set here, or {@code fallback}'s where this sets none. */
    public RunBounds over(RunBounds fallback) {
        return new RunBounds(maxTokens != null ? maxTokens : fallback.maxTokens,
                maxCostUsd != null ? maxCostUsd : fallback.maxCostUsd, maxTime != null ? maxTime : fallback.maxTime,
                stallTimeout != null ? stallTimeout : fallback.stallTimeout);
    }

    public boolean isEmpty() {
        return maxTokens == null && maxCostUsd == null && maxTime == null && stallTimeout == null;
    }

    private static Long tokens(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            long v = Long.parseLong(raw.strip());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidSubmissionException("\"max_tokens\" is '" + raw + "': give a whole number of tokens >= 0,"
                + " e.g. 200000 (input, cached input and output tokens all count)");
    }

    private static Double cost(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(raw.strip());
            if (Double.isFinite(v) && v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidSubmissionException("\"max_cost_usd\" is '" + raw + "': give a number of US dollars >= 0,"
                + " e.g. 5 or 2.50 (priced from the model catalog)");
    }

    private static String duration(String field, String raw) {
        toDuration(field, raw);
        return raw == null ? null : raw.strip();
    }

    private static Duration toDuration(String field, String raw) {
        if (raw == null) {
            return null;
        }
        return RunDurations.parse(raw.strip()).orElseThrow(() -> new InvalidSubmissionException("\"" + field
                + "\" is '" + raw + "', not a duration; " + DURATION_HINT));
    }
}
