package io.nightshift.agent.prompt;

import static io.nightshift.agent.Script.script;
import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.agent.AgentTwin;
import io.nightshift.agent.session.Session;
import io.nightshift.agent.session.SessionConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Coding-agent spec 6 and 9.8: the layered system prompt as each provider receives it. */
class SystemPromptTest {

    @TempDir
    Path dir;
    private AgentTwin t;

    @AfterEach
    void close() {
        t.close();
    }

    private static void git(Path dir, String... args) throws Exception {
        String[] command = new String[args.length + 5];
        command[0] = "git";
        command[1] = "-c";
        command[2] = "user.email=t@example.com";
        command[3] = "-c";
        command[4] = "user.name=T";
        System.arraycopy(args, 0, command, 5, args.length);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void layersBaseEnvironmentToolsProjectDocsAndUserInstructions(String provider) throws Exception {
        Path repo = dir.resolve("repo");
        Path work = repo.resolve("service");
        Files.createDirectories(work.resolve(".codex"));
        Files.writeString(repo.resolve("AGENTS.md"), "ROOT-AGENTS rule");
        Files.writeString(work.resolve("AGENTS.md"), "SERVICE-AGENTS rule");
        Files.writeString(work.resolve("CLAUDE.md"), "CLAUDE-ONLY rule");
        Files.writeString(work.resolve("GEMINI.md"), "GEMINI-ONLY rule");
        Files.writeString(work.resolve(".codex/instructions.md"), "CODEX-ONLY rule");
        git(repo, "init", "-q", "-b", "trunk");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "Initial layout");
        Files.writeString(work.resolve("untracked.txt"), "x");
        t = new AgentTwin(provider, script().text("Ok.").build(), work);
        try (Session session = t.session(SessionConfig.builder().userInstructions("USER-OVERRIDE: answer in French").build())) {
            session.submit("Hi");
        }
        String prompt = t.systemPromptIn(0);
        String own = switch (provider) {
            case "openai" -> "CODEX-ONLY";
            case "anthropic" -> "CLAUDE-ONLY";
            default -> "GEMINI-ONLY";
        };
        assertThat(prompt).startsWith(t.profile().baseInstructions().strip().lines().findFirst().orElseThrow());
        assertThat(prompt).containsSubsequence("<environment>", "Working directory: " + work.toRealPath(),
                "Is git repository: true", "Git branch: trunk", "Platform: linux", "Today's date: "
                        + LocalDate.now(ZoneOffset.UTC), "Model: " + AgentTwin.model(provider), "</environment>",
                "Status: 0 changed, 1 untracked", "Initial layout",
                "# Available tools", "- read_file: ", "ROOT-AGENTS rule", "SERVICE-AGENTS rule", own,
                "USER-OVERRIDE: answer in French");
        for (String other : new String[] {"CODEX-ONLY", "CLAUDE-ONLY", "GEMINI-ONLY"}) {
            if (!other.equals(own)) {
                assertThat(prompt).doesNotContain(other);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void describesANonGitDirectoryAndCapsProjectDocsAt32Kilobytes(String provider) throws Exception {
        Files.writeString(dir.resolve("AGENTS.md"), "A".repeat(40_000));
        t = new AgentTwin(provider, script().text("Ok.").build(), dir);
        try (Session session = t.session()) {
            session.submit("Hi");
        }
        String prompt = t.systemPromptIn(0);
        assertThat(prompt).contains("Is git repository: false").doesNotContain("Git branch:");
        assertThat(prompt).contains("A".repeat(32_000)).doesNotContain("A".repeat(33_000))
                .contains("[Project instructions truncated at 32KB]");
    }
}
