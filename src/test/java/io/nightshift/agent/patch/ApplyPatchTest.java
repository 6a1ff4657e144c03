package io.nightshift.agent.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.agent.tool.ApplyPatchTool;
import io.nightshift.agent.tool.ToolInvocation;
import io.nightshift.llm.Json;
import io.nightshift.sandbox.LocalExecutionEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** apply_patch in the v4a format (coding-agent spec Appendix A) on real files through the local environment. */
class ApplyPatchTest {

    @TempDir
    Path dir;
    private LocalExecutionEnvironment env;

    @BeforeEach
    void setUp() {
        env = new LocalExecutionEnvironment(dir, Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
        env.initialize();
    }

    private String apply(String patch) throws Exception {
        return new ApplyPatchTool().execute(Json.object().put("patch", patch),
                new ToolInvocation(env, "call_1", 10_000, 600_000, delta -> { }, null));
    }

    @Test
    void addsAFileFromPlusLines() throws Exception {
        String out = apply("""
                *** Begin Patch
                *** Add File: src/utils/helpers.py
                +def greet(name):
                +    return f"Hello, {name}!"
                *** End Patch
                """);
        assertThat(out).isEqualTo("Applied patch:\nA src/utils/helpers.py");
        assertThat(Files.readString(dir.resolve("src/utils/helpers.py")))
                .isEqualTo("def greet(name):\n    return f\"Hello, {name}!\"\n");
    }

    @Test
    void deletesAFile() throws Exception {
        Files.writeString(dir.resolve("old_module.py"), "x = 1\n");
        String out = apply("*** Begin Patch\n*** Delete File: old_module.py\n*** End Patch");
        assertThat(out).isEqualTo("Applied patch:\nD old_module.py");
        assertThat(dir.resolve("old_module.py")).doesNotExist();
    }

    @Test
    void updatesAFileWithSeveralHunksUsingContextHints() throws Exception {
        Files.writeString(dir.resolve("config.py"), """
                import os
                DEFAULT_TIMEOUT = 30

                def load_config():
                    config = {}
                    config["debug"] = False
                    return config
                """);
        apply("""
                *** Begin Patch
                *** Update File: config.py
                @@ DEFAULT_TIMEOUT = 30
                -DEFAULT_TIMEOUT = 30
                +DEFAULT_TIMEOUT = 60
                @@ def load_config():
                     config = {}
                -    config["debug"] = False
                +    config["debug"] = True
                +    config["verbose"] = True
                *** End Patch
                """);
        assertThat(Files.readString(dir.resolve("config.py"))).isEqualTo("""
                import os
                DEFAULT_TIMEOUT = 60

                def load_config():
                    config = {}
                    config["debug"] = True
                    config["verbose"] = True
                    return config
                """);
    }

    @Test
    void usesTheHintToPickTheRightOneOfTwoIdenticalBlocks() throws Exception {
        Files.writeString(dir.resolve("two.py"), """
                def first():
                    return 0

                def second():
                    return 0
                """);
        apply("""
                *** Begin Patch
                *** Update File: two.py
                @@ def second():
                -    return 0
                +    return 2
                *** End Patch
                """);
        assertThat(Files.readString(dir.resolve("two.py"))).isEqualTo("""
                def first():
                    return 0

                def second():
                    return 2
                """);
    }

    @Test
    void movesAndUpdatesAFileInOneOperation() throws Exception {
        Files.writeString(dir.resolve("old_name.py"), "import os\nimport sys\nimport old_dep\n");
        String out = apply("""
                *** Begin Patch
                *** Update File: old_name.py
                *** Move to: pkg/new_name.py
                @@ import os
                 import sys
                -import old_dep
                +import new_dep
                *** End Patch
                """);
        assertThat(out).isEqualTo("Applied patch:\nR old_name.py -> pkg/new_name.py");
        assertThat(dir.resolve("old_name.py")).doesNotExist();
        assertThat(Files.readString(dir.resolve("pkg/new_name.py"))).isEqualTo("import os\nimport sys\nimport new_dep\n");
    }

    @Test
    void matchesContextDespiteTrailingWhitespaceAndTypographicQuotes() throws Exception {
        Files.writeString(dir.resolve("msg.py"), "def msg():   \n    return \u201cready\u201d\n");
        apply("""
                *** Begin Patch
                *** Update File: msg.py
                 def msg():
                -    return "ready"
                +    return "done"
                *** End Patch
                """);
        assertThat(Files.readString(dir.resolve("msg.py"))).isEqualTo("def msg():   \n    return \"done\"\n");
    }

    @Test
    void appendsAtTheEndOfFileWhenMarked() throws Exception {
        Files.writeString(dir.resolve("list.txt"), "a\nb\n");
        apply("*** Begin Patch\n*** Update File: list.txt\n@@\n b\n+c\n*** End of File\n*** End Patch\n");
        assertThat(Files.readString(dir.resolve("list.txt"))).isEqualTo("a\nb\nc\n");
    }

    @Test
    void changesSeveralFilesInOnePatch() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "one\n");
        Files.writeString(dir.resolve("gone.txt"), "bye\n");
        String out = apply("""
                *** Begin Patch
                *** Add File: new.txt
                +fresh
                *** Update File: a.txt
                @@
                -one
                +ONE
                *** Delete File: gone.txt
                *** End Patch
                """);
        assertThat(out).isEqualTo("Applied patch:\nA new.txt\nM a.txt\nD gone.txt");
        assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("ONE\n");
        assertThat(dir.resolve("gone.txt")).doesNotExist();
    }

    @Test
    void reportsAHunkThatDoesNotMatchAndChangesNothing() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "alpha\nbeta\n");
        Files.writeString(dir.resolve("b.txt"), "gamma\n");
        assertThatThrownBy(() -> apply("""
                *** Begin Patch
                *** Update File: b.txt
                @@
                -gamma
                +GAMMA
                *** Update File: a.txt
                @@ def nowhere():
                -delta
                +DELTA
                *** End Patch
                """))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("Update File: a.txt: hunk 1 of 1 (@@ def nowhere():) does not match the file")
                .hasMessageContaining("  delta")
                .hasMessageContaining("Read the file again");
        assertThat(Files.readString(dir.resolve("b.txt"))).isEqualTo("gamma\n");
    }

    @Test
    void refusesToUpdateAMissingFileOrAddAnExistingOne() throws Exception {
        Files.writeString(dir.resolve("here.txt"), "x\n");
        assertThatThrownBy(() -> apply("*** Begin Patch\n*** Update File: missing.txt\n@@\n-x\n+y\n*** End Patch"))
                .hasMessageContaining("Update File: missing.txt does not exist; use '*** Add File:' to create it");
        assertThatThrownBy(() -> apply("*** Begin Patch\n*** Add File: here.txt\n+y\n*** End Patch"))
                .hasMessageContaining("Add File: here.txt already exists");
    }

    @Test
    void pointsAtTheLineOfAMalformedPatch() {
        assertThatThrownBy(() -> PatchParser.parse("*** Begin Patch\n*** Frobnicate: x\n*** End Patch"))
                .isInstanceOf(PatchException.class)
                .hasMessage("patch line 2: expected '*** Add File: ', '*** Delete File: ' or '*** Update File: ', found '*** Frobnicate: x'");
        assertThatThrownBy(() -> PatchParser.parse("*** Update File: a\n@@\n-x\n"))
                .hasMessageStartingWith("patch line 1: the first line must be '*** Begin Patch'");
        assertThatThrownBy(() -> PatchParser.parse("*** Begin Patch\n*** Add File: a\nno plus\n*** End Patch"))
                .hasMessageContaining("patch line 3: every line of an added file must start with '+'");
        assertThatThrownBy(() -> PatchParser.parse("*** Begin Patch\n*** Update File: a\n@@\n?x\n*** End Patch"))
                .hasMessageContaining("patch line 4: a hunk line must start with ' ', '-' or '+'");
    }
}
