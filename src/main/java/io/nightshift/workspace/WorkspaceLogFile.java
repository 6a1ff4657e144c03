package io.nightshift.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code workspace.json} kept in step with the run, one stage record at a time: each record is rendered once and
 * the file is rewritten whole (atomically, as {@link WorkspaceLogs#write} does) from the parts already rendered,
 * so a stage costs the same at the thousandth stage as at the first (issue 21). The file reads back with
 * {@link WorkspaceLogs#read}: the header fields on a line each, one stage record per line.
 */
public final class WorkspaceLogFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final byte[] head;
    private final ByteArrayOutputStream stages = new ByteArrayOutputStream();
    private int count;

    /** Continues {@code log} (empty for a new run, read back on resume); writes nothing yet. */
    public WorkspaceLogFile(Path file, WorkspaceLog log) {
        this.file = file;
        try {
            this.head = ("{\n  \"run_id\" : " + JSON.writeValueAsString(log.runId())
                    + ",\n  \"branch\" : " + JSON.writeValueAsString(log.branch())
                    + ",\n  \"base_commit\" : " + JSON.writeValueAsString(log.baseCommit())
                    + ",\n  \"stages\" : [").getBytes(StandardCharsets.UTF_8);
            for (StageRecord record : log.stages()) {
                render(record);
            }
        } catch (IOException e) {
            throw new WorkspaceStorageException("Cannot render " + file + ": " + e.getMessage(), false, e);
        }
    }

    /** Adds the record of a stage attempt and writes the file. */
    public synchronized void append(StageRecord record) {
        try {
            render(record);
            AtomicFiles.write(file, out -> {
                out.write(head);
                stages.writeTo(out);
                out.write((count == 0 ? "]\n}\n" : "\n  ]\n}\n").getBytes(StandardCharsets.UTF_8));
            });
        } catch (IOException e) {
            throw new WorkspaceStorageException("Cannot write " + file + ": " + e.getMessage(), false, e);
        }
    }

    private void render(StageRecord record) throws IOException {
        stages.write((count == 0 ? "\n    " : ",\n    ").getBytes(StandardCharsets.UTF_8));
        stages.write(JSON.writeValueAsBytes(record));
        count++;
    }
}
