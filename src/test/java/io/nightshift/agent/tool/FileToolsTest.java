package io.nightshift.agent.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.llm.Json;
import io.nightshift.sandbox.LocalExecutionEnvironment;
import io.nightshift.sandbox.SandboxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in tools' outputs and the errors the model sees (coding-agent spec 3.3, 3.6, Appendix B). */
class FileToolsTest {

    @TempDir
    Path dir;
    private ToolInvocation invocation;

    @BeforeEach
    void setUp() {
        LocalExecutionEnvironment env = new LocalExecutionEnvironment(dir,
                Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
        env.initialize();
        invocation = new ToolInvocation(env, "c", 10_000, 600_000, d -> { }, null);
    }

    private static JsonNode args(Object... keyThenValue) {
        var node = Json.object();
        for (int i = 0; i < keyThenValue.length; i += 2) {
            node.set((String) keyThenValue[i], Json.toTree(keyThenValue[i + 1]));
        }
        return node;
    }

    @Test
    void readFileNumbersLinesFromTheOffsetAndPadsNumbers() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            text.append("line ").append(i).append('\n');
        }
        Files.writeString(dir.resolve("f.txt"), text);
        assertThat(new ReadFileTool().execute(args("file_path", "f.txt", "offset", 9, "limit", 2), invocation))
                .isEqualTo(" 9 | line 9\n10 | line 10");
        assertThatThrownBy(() -> new ReadFileTool().execute(args("file_path", "f.txt", "offset", 50), invocation))
                .hasMessageContaining("offset 50 is past the end of the file (12 lines)");
        assertThatThrownBy(() -> new ReadFileTool().execute(args("file_path", "missing.txt"), invocation))
                .isInstanceOf(SandboxException.class).hasMessageContaining("missing.txt");
    }

    @Test
    void editFileRefusesAmbiguousOrMissingTextWithAdvice() throws Exception {
        Files.writeString(dir.resolve("e.py"), "x = 1\nx = 1\n");
        assertThatThrownBy(() -> new EditFileTool().execute(args("file_path", "e.py", "old_string", "x = 1",
                "new_string", "x = 2"), invocation))
                .isInstanceOf(ToolFailure.class)
                .hasMessage("old_string occurs 2 times in e.py; include more surrounding lines to make it unique, or set replace_all to change every one");
        assertThatThrownBy(() -> new EditFileTool().execute(args("file_path", "e.py", "old_string", "y = 3",
                "new_string", "y = 4"), invocation))
                .hasMessage("old_string was not found in e.py; read the file again and copy the exact text, including indentation");
        assertThatThrownBy(() -> new EditFileTool().execute(args("file_path", "e.py", "old_string", "x = 1",
                "new_string", "x = 2", "expected_replacements", 3), invocation))
                .hasMessageContaining("expected 3 occurrence(s) of old_string in e.py but found 2");
        assertThat(Files.readString(dir.resolve("e.py"))).isEqualTo("x = 1\nx = 1\n");
    }

    @Test
    void editFileFallsBackToWhitespaceLenientMatchingAndSaysSo() throws Exception {
        Files.writeString(dir.resolve("w.py"), "def f():\n        return 1\n");
        String out = new EditFileTool().execute(args("file_path", "w.py", "old_string", "def f():\n    return 1",
                "new_string", "def f():\n    return 2"), invocation);
        assertThat(out).isEqualTo("Edited w.py: 1 replacement (old_string matched only after normalising surrounding whitespace)");
        assertThat(Files.readString(dir.resolve("w.py"))).isEqualTo("def f():\n    return 2\n");
    }

    @Test
    void grepOffersContentFileAndCountModes() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "todo one\ntodo two\n");
        Files.writeString(dir.resolve("b.txt"), "TODO three\n");
        GrepTool grep = new GrepTool();
        assertThat(grep.execute(args("pattern", "todo"), invocation)).isEqualTo("a.txt:1:todo one\na.txt:2:todo two");
        assertThat(grep.execute(args("pattern", "todo", "case_insensitive", true, "output_mode", "count"), invocation))
                .isEqualTo("a.txt:2\nb.txt:1");
        assertThat(grep.execute(args("pattern", "todo", "case_insensitive", true, "output_mode", "files_with_matches"),
                invocation)).isEqualTo("a.txt\nb.txt");
        assertThat(grep.execute(args("pattern", "absent"), invocation)).isEqualTo("No matches for absent");
    }

    @Test
    void listDirAndReadManyFilesServeTheGeminiProfile() throws Exception {
        Files.createDirectories(dir.resolve("pkg"));
        Files.writeString(dir.resolve("pkg/a.py"), "A\n");
        Files.writeString(dir.resolve("pkg/b.py"), "B\n");
        assertThat(new ListDirTool().execute(args("path", "pkg"), invocation)).isEqualTo("a.py (2 bytes)\nb.py (2 bytes)");
        String many = new ReadManyFilesTool().execute(args("paths", java.util.List.of("pkg/*.py", "nope.txt")), invocation);
        assertThat(many).contains("--- pkg/a.py ---\nA\n", "--- pkg/b.py ---\nB\n", "--- nope.txt ---\n[cannot read:");
    }

    @Test
    void shellCapsTheRequestedTimeoutAtTheSessionMaximum() throws Exception {
        ToolInvocation capped = new ToolInvocation(invocation.environment(), "c", 10_000, 300, d -> { }, null);
        String out = new ShellTool().execute(args("command", "sleep 3", "timeout_ms", 60_000), capped);
        assertThat(out).contains("[ERROR: Command timed out after 300ms.");
    }
}
