package io.nightshift.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The LLM backend a run was started with ({@code simulation}, or {@code agent (anthropic)} naming the providers
 * whose keys were set), kept in {@code backend.txt} in the run directory, which no sandbox mounts. A resume that
 * would use another backend (most often: the key is missing, so the remaining stages would silently be simulated
 * and checkpointed as done) is refused unless the user allows it explicitly.
 */
final class RunBackendRecord {

    static final String FILE = "backend.txt";
    private static final int MAX_BYTES = 4096;

    private RunBackendRecord() {
    }

    static void write(Path runDir, String backend) {
        Path file = runDir.resolve(FILE);
        Path temp = runDir.resolve(FILE + ".tmp");
        try {
            Files.createDirectories(runDir);
            Files.writeString(temp, backend + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UnusableInputException("cannot record the run's backend in " + file + " (" + e.getMessage()
                    + ")", e);
        }
    }

    /** The recorded backend; empty for a run started before it was recorded. */
    static Optional<String> read(Path runDir) {
        Path file = runDir.resolve(FILE);
        try {
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Records the backend of a new run; for a resume, refuses a different one unless {@code allowChange}.
     *
     * @throws UnusableInputException when the resume would change the backend without permission
     */
    static void check(Path runDir, String backend, boolean resuming, boolean allowChange) {
        if (!resuming) {
            write(runDir, backend);
            return;
        }
        Optional<String> recorded = read(runDir);
        if (recorded.isEmpty() || recorded.get().equals(backend)) {
            if (recorded.isEmpty()) {
                write(runDir, backend);
            }
            return;
        }
        if (!allowChange) {
            throw new UnusableInputException("cannot resume " + runDir + ": it ran with " + recorded.get()
                    + " and this resume would use " + backend + (backend.equals("simulation")
                            ? " (is the provider key missing from the environment?)" : "")
                    + "; set the same provider key, or pass --allow-backend-change to continue with " + backend);
        }
        write(runDir, backend);
    }
}
