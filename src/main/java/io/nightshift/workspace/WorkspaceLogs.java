package io.nightshift.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes {@code workspace.json}; writes are atomic (temporary file, then rename). */
public final class WorkspaceLogs {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private WorkspaceLogs() {
    }

    public static void write(Path file, WorkspaceLog log) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(log);
            AtomicFiles.write(file, out -> out.write(bytes));
        } catch (IOException e) {
            throw new WorkspaceStorageException("Cannot write " + file + ": " + e.getMessage(), false, e);
        }
    }

    public static WorkspaceLog read(Path file) {
        try {
            return JSON.readValue(Files.readAllBytes(file), WorkspaceLog.class);
        } catch (NoSuchFileException e) {
            throw new WorkspaceStorageException("No workspace log at " + file + ".", false, e);
        } catch (JsonProcessingException e) {
            throw new WorkspaceStorageException("Cannot read " + file + " at line " + e.getLocation().getLineNr()
                    + ": " + e.getOriginalMessage() + ". The file is damaged; restore it or start the run afresh.",
                    false, e);
        } catch (IOException e) {
            throw new WorkspaceStorageException("Cannot read " + file + ": " + e.getMessage(), false, e);
        }
    }
}
