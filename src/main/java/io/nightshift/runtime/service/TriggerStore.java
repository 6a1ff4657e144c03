package io.nightshift.runtime.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.nightshift.pipeline.run.AtomicFiles;
import io.nightshift.pipeline.run.Json;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What triggers remember across restarts, next to the runs: {@code <runs dir>/.triggers/github-deliveries/<id>.json}
 * for each webhook delivery answered (replays are refused by id) and {@code <runs dir>/.triggers/schedules/
 * <name>.json} for each schedule's last due time (a schedule never fires twice for one due time). Files are written
 * whole (and synced) before the answer or the submission they guard; run recovery skips the directory (it holds no
 * {@code submission.json}). Thread-safe.
 */
public final class TriggerStore {

    /** Delivery ids and schedule names as file names: GitHub's ids are GUIDs. */
    static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final Path deliveries;
    private final Path schedules;

    public TriggerStore(Path runsDir) {
        Path root = runsDir.toAbsolutePath().normalize().resolve(".triggers");
        this.deliveries = root.resolve("github-deliveries");
        this.schedules = root.resolve("schedules");
    }

    /** One delivery: its run, or why it started none; {@code run_id} and {@code ignored} are null while it is taken. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Delivery(String deliveryId, Instant receivedAt, String runId, String ignored) {
    }

    /** The due time a schedule last handled (fired for, or skipped), and what came of it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Fired(String schedule, Instant dueAt, Instant firedAt, String runId, String note) {
    }

    /**
     * Takes {@code id} for this delivery, durably; empty when it was taken before (a replay), else the earlier one.
     *
     * @throws QueueStoreException when the claim cannot be written
     */
    synchronized Optional<Delivery> claimDelivery(String id, Instant now) {
        Path file = deliveries.resolve(id + ".json");
        try {
            Files.createDirectories(deliveries);
            Files.write(file, Json.mapper().writeValueAsBytes(new Delivery(id, now, null, null)),
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            AtomicFiles.syncDirectory(deliveries);
            return Optional.empty();
        } catch (FileAlreadyExistsException e) {
            return Optional.of(readDelivery(file, id));
        } catch (IOException e) {
            throw new QueueStoreException("cannot record webhook delivery '" + id + "' in " + deliveries + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Records what came of a claimed delivery. */
    synchronized void settleDelivery(Delivery settled) {
        write(deliveries.resolve(settled.deliveryId() + ".json"), bytes(settled));
    }

    /** Gives a claimed delivery back: it started nothing and GitHub may deliver it again. */
    synchronized void releaseDelivery(String id) {
        try {
            Files.deleteIfExists(deliveries.resolve(id + ".json"));
        } catch (IOException ignored) {
            // still taken: a redelivery is refused as a replay, which is the safe side
        }
    }

    /** The last due time {@code schedule} fired for (or was skipped at); empty before its first. */
    synchronized Optional<Fired> lastFired(String schedule) {
        Path file = schedules.resolve(schedule + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(file.toFile(), Fired.class));
        } catch (IOException e) {
            throw new QueueStoreException("cannot read schedule state " + file + " (" + e.getMessage() + "); delete"
                    + " it to start the schedule afresh from now", e);
        }
    }

    /** Records {@code fired} as the schedule's last, synced, before its run is submitted. */
    synchronized void recordFired(Fired fired) {
        try {
            Files.createDirectories(schedules);
        } catch (IOException e) {
            throw new QueueStoreException("cannot create " + schedules + " (" + e.getMessage() + ")", e);
        }
        write(schedules.resolve(fired.schedule() + ".json"), bytes(fired));
    }

    private static Delivery readDelivery(Path file, String id) {
        try {
            return Json.mapper().readValue(file.toFile(), Delivery.class);
        } catch (IOException e) {
            // a claim cut short by a crash: taken all the same
            return new Delivery(id, null, null, null);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            AtomicFiles.write(file, bytes, true);
        } catch (RuntimeException e) {
            throw new QueueStoreException("cannot write " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] bytes(Object value) {
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new QueueStoreException("cannot encode " + value + " (" + e.getMessage() + ")", e);
        }
    }
}
