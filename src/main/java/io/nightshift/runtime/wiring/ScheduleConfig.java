package io.nightshift.runtime.wiring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.util.Map;
import java.util.Optional;

/**
 * Schedules of {@code nightshift serve} ({@code nightshift.schedules.<name>.*}, issue 17): each submits a job at the
 * due times of its cron expression. See docs/triggers.md.
 */
@ConfigMapping(prefix = "nightshift.schedules")
public interface ScheduleConfig {

    /** The schedules by name (letters, digits, '-', '_', '.'). */
    @WithParentName
    Map<String, Entry> all();

    /** One schedule: when, what to do with due times missed while the service was down, and the job. */
    interface Entry {

        /** A Unix cron expression: minute hour day-of-month month day-of-week ({@code 0 2 * * 1-5}). */
        String cron();

        /** The time zone the expression is read in. */
        @WithDefault("UTC")
        String zone();

        /**
         * {@code run-once}: due times missed while the service was down fire once when it starts (for the latest);
         * {@code skip}: they are skipped and the schedule waits for its next due time.
         */
        @WithDefault("run-once")
        String missed();

        /** The job's repository: a directory on the server or a git URL (as {@code POST /jobs}). */
        String repository();

        /** The git ref to work from; the source's HEAD when unset. */
        Optional<String> ref();

        /** What the job should achieve. */
        String goal();

        /** The pipeline, by name from {@code nightshift.server.pipelines-dir}. */
        @WithDefault("factory")
        String pipeline();

        /** {@code docker} (the default) or {@code local} (only where the service allows it). */
        Optional<String> sandbox();

        /** The model of LLM stages that name none. */
        Optional<String> model();

        /** The provider of LLM stages that name none. */
        Optional<String> provider();

        /** Answer LLM stages without a model (only where {@code nightshift.server.allow-simulate} is on). */
        @WithDefault("false")
        boolean simulate();

        /** Answer the job's human gates with their first option. */
        @WithDefault("false")
        boolean autoApprove();

        /** {@code branch} (the default) or {@code pull_request} (forge and repository from the URL). */
        @WithDefault("branch")
        String deliver();

        /** The owner the runs belong to: tokens of this owner (and admins) see them. */
        @WithDefault("schedule")
        String owner();

        /** The job's token budget, as {@code max_tokens} of {@code POST /jobs}. */
        Optional<String> maxTokens();

        /** The job's cost budget in US dollars, as {@code max_cost_usd}. */
        Optional<String> maxCostUsd();

        /** The job's time budget ({@code 2h}), as {@code max_time}. */
        Optional<String> maxTime();
    }
}
