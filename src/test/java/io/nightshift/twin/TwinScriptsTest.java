package io.nightshift.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.twin.script.Finish;
import io.nightshift.twin.script.Part;
import io.nightshift.twin.script.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwinScriptsTest {

    @TempDir
    Path dir;

    @Test
    void loadsTheShippedExampleScript() {
        TwinScript script = TwinScripts.load(Path.of("agent-spec/twin/example.yaml"));
        assertThat(script.models()).contains("claude-opus-4-6", "gpt-5.2", "gemini-3-flash-preview");
        assertThat(script.steps()).hasSize(3);
        Reply first = script.steps().getFirst().reply();
        assertThat(first.parts()).extracting(p -> p.getClass().getSimpleName())
                .containsExactly("Thinking", "Text", "ToolCall");
        assertThat(first.finish()).isEqualTo(Finish.TOOL_CALLS);
        assertThat(script.steps().get(1).reply().parts().get(1)).isInstanceOfSatisfying(Part.ToolCall.class,
                call -> assertThat(call.arguments().get("patch").asText()).startsWith("*** Begin Patch\n"));
        assertThat(script.rules()).hasSize(5);
    }

    @Test
    void roundTripsThroughJson() throws IOException {
        TwinScript script = TwinScripts.load(Path.of("agent-spec/twin/example.yaml"));
        Path file = dir.resolve("copy.json");
        TwinScripts.write(script, file);
        assertThat(Files.readString(file)).contains("\"type\" : \"tool_call\"");
        assertThat(TwinScripts.load(file)).isEqualTo(script);
    }

    @Test
    void namesTheLineColumnAndPathOfAnUnknownField() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                steps:
                  - reply:
                      text: hi
                      colour: blue
                """);
        assertThatThrownBy(() -> TwinScripts.load(file)).isInstanceOfSatisfying(TwinScriptException.class, e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.getMessage()).startsWith(file + ":4:").contains("colour", "steps[0].reply")
                    .doesNotContain("\n");
        });
    }

    @Test
    void explainsAnUnknownProvider() {
        assertThatThrownBy(() -> TwinScripts.parse("""
                rules:
                  - match: {provider: mistral}
                    reply: {text: x}
                """)).isInstanceOf(TwinScriptException.class)
                .hasMessageContaining("<script>:2:")
                .hasMessageContaining("mistral")
                .hasMessageContaining("anthropic, openai, openai_chat, gemini");
    }

    @Test
    void acceptsToolCallsWithOrWithoutTheirTypeButNoOtherType() {
        TwinScript script = TwinScripts.parse("""
                steps:
                  - reply: {tool_calls: [{type: tool_call, name: a}, {name: b}]}
                """);
        assertThat(script.steps().getFirst().reply().toolCalls()).extracting(Part.ToolCall::name)
                .containsExactly("a", "b");
        assertThatThrownBy(() -> TwinScripts.parse("""
                steps:
                  - reply: {tool_calls: [{type: text, name: a}]}
                """)).isInstanceOf(TwinScriptException.class).hasMessageContaining("text");
    }

    @Test
    void refusesAReplyWithTwoKinds() {
        assertThatThrownBy(() -> TwinScripts.parse("""
                steps:
                  - reply: {text: hi, error: {status: 500}}
                """)).isInstanceOf(TwinScriptException.class).hasMessageContaining("exactly one of");
    }

    @Test
    void refusesAStepWithoutAReplyAndAnEmptyFile() {
        assertThatThrownBy(() -> TwinScripts.parse("steps: [{match: {turn: 1}}]"))
                .isInstanceOf(TwinScriptException.class).hasMessageContaining("needs a 'reply'");
        assertThatThrownBy(() -> TwinScripts.parse("  \n"))
                .isInstanceOf(TwinScriptException.class).hasMessageContaining("empty");
    }

    @Test
    void pointsAtAJsonSyntaxError() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"steps\": [\n  {\"reply\": {\"text\": \"a\"}\n]}");
        assertThatThrownBy(() -> TwinScripts.load(file)).isInstanceOfSatisfying(TwinScriptException.class,
                e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void namesAMissingFile() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> TwinScripts.load(missing)).isInstanceOf(TwinScriptException.class)
                .hasMessageStartingWith(missing.toString()).hasMessageContaining("cannot read");
    }
}
