package io.nightshift.agent.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.agent.AgentException;
import io.nightshift.llm.ToolDefinition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coding-agent spec 3.3 to 3.8 and 9.2: tool lists, schemas and capabilities of the three profiles. */
class ProfilesTest {

    private static final List<String> SUBAGENT_TOOLS = List.of("spawn_agent", "send_input", "wait", "close_agent");

    @Test
    void eachProfileOffersItsProviderAlignedTools() {
        assertThat(Profiles.openai("gpt-5.2").toolRegistry().names()).containsExactly("read_file", "apply_patch",
                "write_file", "shell", "grep", "glob", "spawn_agent", "send_input", "wait", "close_agent");
        assertThat(Profiles.anthropic("claude-opus-4-6").toolRegistry().names()).containsExactly("read_file",
                "write_file", "edit_file", "shell", "grep", "glob", "spawn_agent", "send_input", "wait", "close_agent");
        assertThat(Profiles.gemini("gemini-3-flash-preview").toolRegistry().names()).containsExactly("read_file",
                "read_many_files", "write_file", "edit_file", "shell", "grep", "glob", "list_dir", "spawn_agent",
                "send_input", "wait", "close_agent");
        assertThat(Profiles.openai("gpt-5.2").toolRegistry().names()).doesNotContain("edit_file");
        assertThat(Profiles.anthropic("claude-opus-4-6").toolRegistry().names()).doesNotContain("apply_patch");
    }

    @Test
    void sharedToolsUseTheSpecParameterNames() {
        for (ProviderProfile profile : List.of(Profiles.openai("gpt-5.2"), Profiles.anthropic("claude-opus-4-6"),
                Profiles.gemini("gemini-3-flash-preview"))) {
            assertThat(properties(profile, "read_file")).containsExactly("file_path", "offset", "limit");
            assertThat(required(profile, "read_file")).containsExactly("file_path");
            assertThat(properties(profile, "write_file")).containsExactly("file_path", "content");
            assertThat(properties(profile, "shell")).containsExactly("command", "timeout_ms", "description");
            assertThat(properties(profile, "grep")).startsWith("pattern", "path", "glob_filter", "case_insensitive",
                    "max_results");
            assertThat(properties(profile, "glob")).containsExactly("pattern", "path");
            assertThat(properties(profile, "spawn_agent")).containsExactly("task", "working_dir", "model", "max_turns");
            assertThat(required(profile, "send_input")).containsExactly("agent_id", "message");
        }
        assertThat(properties(Profiles.anthropic("claude-opus-4-6"), "edit_file"))
                .containsExactly("file_path", "old_string", "new_string", "replace_all");
        assertThat(properties(Profiles.anthropic("claude-opus-4-6"), "grep")).contains("output_mode");
        assertThat(properties(Profiles.gemini("gemini-3-flash-preview"), "edit_file"))
                .containsExactly("file_path", "old_string", "new_string", "expected_replacements");
        assertThat(properties(Profiles.openai("gpt-5.2"), "apply_patch")).containsExactly("patch");
    }

    @Test
    void capabilitiesFollowTheSpec() {
        ProviderProfile anthropic = Profiles.anthropic("claude-opus-4-6");
        assertThat(anthropic.shellTimeoutMs()).isEqualTo(120_000L);
        assertThat(Profiles.openai("gpt-5.2").shellTimeoutMs()).isNull();
        assertThat(Profiles.gemini("gemini-3-flash-preview").shellTimeoutMs()).isNull();
        assertThat(anthropic.providerOptions().path("anthropic").path("beta_headers").get(0).asText())
                .isEqualTo("interleaved-thinking-2025-05-14");
        assertThat(anthropic.requestOptions("medium").path("anthropic").path("thinking").path("budget_tokens").asInt())
                .isEqualTo(8192);
        assertThat(anthropic.maxOutputTokens("high")).isEqualTo(24_576 + 8_192);
        assertThat(Profiles.openai("gpt-5.2").requestOptions("high")).isNull();
        assertThat(Profiles.gemini("gemini-3-flash-preview").providerOptions().path("gemini").path("safetySettings")
                .get(0).path("threshold").asText()).isEqualTo("BLOCK_ONLY_HIGH");
        assertThat(anthropic.projectDocNames()).containsExactly("AGENTS.md", "CLAUDE.md");
        assertThat(Profiles.openai("gpt-5.2").projectDocNames()).containsExactly("AGENTS.md", ".codex/instructions.md");
        assertThat(Profiles.gemini("gemini-3-flash-preview").projectDocNames()).containsExactly("AGENTS.md", "GEMINI.md");
        assertThat(List.of(anthropic, Profiles.openai("x-unknown"), Profiles.gemini("y")))
                .allSatisfy(p -> assertThat(p.supportsParallelToolCalls()).isTrue())
                .allSatisfy(p -> assertThat(p.contextWindowSize()).isPositive());
    }

    @Test
    void eachProfileHasItsOwnSystemPromptCoveringIdentityToolsAndPractice() {
        String openai = Profiles.openai("gpt-5.2").baseInstructions();
        String anthropic = Profiles.anthropic("claude-opus-4-6").baseInstructions();
        String gemini = Profiles.gemini("gemini-3-flash-preview").baseInstructions();
        assertThat(openai).contains("apply_patch", "*** Begin Patch", "*** Update File:", "@@").doesNotContain("old_string");
        assertThat(anthropic).contains("edit_file", "old_string", "exactly once", "read_file").doesNotContain("apply_patch");
        assertThat(gemini).contains("GEMINI.md", "edit_file", "expected_replacements", "list_dir");
        assertThat(List.of(openai, anthropic, gemini)).allSatisfy(p -> assertThat(p).containsIgnoringCase("test"))
                .doesNotHaveDuplicates();
    }

    @Test
    void subagentModelOverrideGetsAnIndependentRegistry() {
        ProviderProfile parent = Profiles.anthropic("claude-opus-4-6");
        ProviderProfile child = parent.withModel("claude-haiku-4-5");
        child.toolRegistry().unregister("shell");
        assertThat(child.model()).isEqualTo("claude-haiku-4-5");
        assertThat(parent.toolRegistry().names()).contains("shell");
    }

    @Test
    void loadsProfilesFromAnAgentSpecDirectoryAndReportsBrokenOnes() {
        ProviderProfile fromDisk = Profiles.forProvider("openai", "gpt-5.2", ProfileResources.directory(Path.of("agent-spec")));
        assertThat(fromDisk.toolRegistry().names()).contains("apply_patch");
        assertThatThrownBy(() -> Profiles.forProvider("mistral", "m", ProfileResources.classpath()))
                .isInstanceOf(AgentException.class).hasMessage("unknown provider profile 'mistral'; use openai, anthropic or gemini");
        assertThatThrownBy(() -> Profiles.forProvider("openai", "gpt", ProfileResources.directory(Path.of("no-such-dir"))))
                .isInstanceOf(AgentException.class).hasMessageContaining("system.md and tools/index.txt");
    }

    private static List<String> properties(ProviderProfile profile, String tool) {
        JsonNode props = definition(profile, tool).parameters().path("properties");
        List<String> names = new java.util.ArrayList<>();
        props.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> required(ProviderProfile profile, String tool) {
        List<String> names = new java.util.ArrayList<>();
        definition(profile, tool).parameters().path("required").forEach(n -> names.add(n.asText()));
        return names;
    }

    private static ToolDefinition definition(ProviderProfile profile, String tool) {
        return profile.toolRegistry().get(tool).definition();
    }

}
