package io.nightshift.runtime.service;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * One configured schedule ({@code nightshift.schedules.<name>.*}, issue 17): a Unix cron expression (five fields:
 * minute, hour, day of month, month, day of week; parsed by cron-utils) in a time zone, and the job it submits at
 * each due time.
 */
public final class Schedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String name;
    private final String cron;
    private final ZoneId zone;
    private final boolean runMissed;
    private final String owner;
    private final JobRequest job;
    private final ExecutionTime times;

    /**
     * @param runMissed whether due times missed while the service was down fire once on start ({@code run-once}) or
     *        are skipped ({@code skip})
     * @param owner the owner the schedule's runs belong to
     * @throws IllegalArgumentException naming the key to fix when the name, cron expression or zone is unusable
     */
    public Schedule(String name, String cron, String zone, boolean runMissed, String owner, JobRequest job) {
        if (name == null || !TriggerStore.SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("schedule name '" + name + "' must be letters, digits, '-', '_' or"
                    + " '.' (nightshift.schedules.<name>.cron)");
        }
        String key = "nightshift.schedules." + name;
        try {
            Cron parsed = PARSER.parse(cron == null ? "" : cron.strip());
            this.times = ExecutionTime.forCron(parsed.validate());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ".cron '" + cron + "' is not a Unix cron expression (minute hour"
                    + " day-of-month month day-of-week, e.g. '0 2 * * *' for 02:00 every day): " + e.getMessage(), e);
        }
        try {
            this.zone = ZoneId.of(zone == null || zone.isBlank() ? "UTC" : zone.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ".zone '" + zone + "' is not a time zone (e.g. UTC,"
                    + " Europe/Paris)", e);
        }
        if (job == null || job.goal() == null || job.goal().isBlank()) {
            throw new IllegalArgumentException(key + ".goal is missing: what the scheduled job should achieve");
        }
        this.name = name;
        this.cron = cron.strip();
        this.runMissed = runMissed;
        this.owner = owner == null ? "" : owner;
        this.job = job;
    }

    public String name() {
        return name;
    }

    String cron() {
        return cron;
    }

    boolean runMissed() {
        return runMissed;
    }

    String owner() {
        return owner;
    }

    JobRequest job() {
        return job;
    }

    /** The first due time strictly after {@code t}. */
    Optional<Instant> nextAfter(Instant t) {
        return times.nextExecution(ZonedDateTime.ofInstant(t, zone)).map(ZonedDateTime::toInstant);
    }

    /** The last due time at or before {@code t}. */
    Optional<Instant> lastAtOrBefore(Instant t) {
        Optional<Instant> best = times.lastExecution(ZonedDateTime.ofInstant(t, zone)).map(ZonedDateTime::toInstant)
                .filter(due -> !due.isAfter(t));
        // whether lastExecution counts a due time equal to t is the library's choice: step forward to be sure
        for (Optional<Instant> next = best.flatMap(this::nextAfter); next.isPresent() && !next.get().isAfter(t);
                next = next.flatMap(this::nextAfter)) {
            best = next;
        }
        return best;
    }
}
