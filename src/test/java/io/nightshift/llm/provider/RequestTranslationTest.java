package io.nightshift.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.llm.ContentPart;
import io.nightshift.llm.Json;
import io.nightshift.llm.LlmException;
import io.nightshift.llm.Message;
import io.nightshift.llm.ProviderConfig;
import io.nightshift.llm.Request;
import io.nightshift.llm.Role;
import io.nightshift.llm.ToolCall;
import io.nightshift.llm.ToolChoice;
import io.nightshift.llm.ToolDefinition;
import io.nightshift.llm.provider.anthropic.AnthropicAdapter;
import io.nightshift.llm.provider.compatible.ChatCompletionsAdapter;
import io.nightshift.llm.provider.gemini.GeminiAdapter;
import io.nightshift.llm.provider.openai.OpenAiAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request translation of every role and content kind, per adapter, compared as whole JSON trees with the reviewed
 * bodies in src/test/resources/llm/requests/&lt;provider&gt;/all_roles.json (unified-llm-spec 7.3, 8.2, 8.3).
 */
class RequestTranslationTest {

    private static final ProviderConfig CONFIG = ProviderConfig.of("key", "http://localhost:1");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<HttpAdapter> adapters() {
        return Stream.of(new AnthropicAdapter(CONFIG), new OpenAiAdapter(CONFIG), new GeminiAdapter(CONFIG),
                new ChatCompletionsAdapter(CONFIG));
    }

    static Request conversation() {
        ToolCall call = new ToolCall("call_1", "read_file", Json.parseOrNull("{\"path\":\"a.txt\"}"), "{\"path\":\"a.txt\"}", "sig-g");
        return Request.builder("model-x")
                .message(Message.system("You are terse."))
                .message(Message.developer("Never use emoji."))
                .message(Message.user("Read a.txt"))
                .message(new Message(Role.ASSISTANT, List.of(new ContentPart.Thinking("I should read it.", "sig-1"),
                        new ContentPart.Text("Reading."), new ContentPart.ToolCallPart(call))))
                .message(Message.toolResult("call_1", "hello world", false))
                .message(Message.user("And again?"))
                .message(Message.user("Quickly."))
                .tools(List.of(new ToolDefinition("read_file", "Read a file", Json.parseOrNull(
                        "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}"))))
                .toolChoice(ToolChoice.AUTO).temperature(0.3).topP(0.9).maxTokens(512).stopSequences(List.of("END"))
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adapters")
    void translatesAllRolesAndContentKinds(HttpAdapter adapter) throws IOException {
        JsonNode body = adapter.body(conversation());
        Path file = Path.of("src/test/resources/llm/requests", adapter.name(), "all_roles.json");
        if (Boolean.getBoolean("golden.write")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(body) + "\n");
        }
        assertThat(body).isEqualTo(MAPPER.readTree(file.toFile()));
    }

    private static JsonNode choice(HttpAdapter adapter, ToolChoice choice) {
        JsonNode body = adapter.body(conversation().toBuilder().toolChoice(choice).build());
        return switch (adapter.name()) {
            case "gemini" -> body.path("toolConfig").path("functionCallingConfig");
            default -> body.path("tool_choice");
        };
    }

    @Test
    void mapsToolChoiceModesPerProvider() {
        AnthropicAdapter anthropic = new AnthropicAdapter(CONFIG);
        assertThat(choice(anthropic, ToolChoice.AUTO)).isEqualTo(Json.parseOrNull("{\"type\":\"auto\"}"));
        assertThat(choice(anthropic, ToolChoice.REQUIRED)).isEqualTo(Json.parseOrNull("{\"type\":\"any\"}"));
        assertThat(choice(anthropic, ToolChoice.named("read_file"))).isEqualTo(Json.parseOrNull("{\"type\":\"tool\",\"name\":\"read_file\"}"));
        JsonNode none = anthropic.body(conversation().toBuilder().toolChoice(ToolChoice.NONE).build());
        assertThat(none.has("tools")).isFalse();
        assertThat(none.has("tool_choice")).isFalse();

        OpenAiAdapter openai = new OpenAiAdapter(CONFIG);
        assertThat(choice(openai, ToolChoice.AUTO).asText()).isEqualTo("auto");
        assertThat(choice(openai, ToolChoice.NONE).asText()).isEqualTo("none");
        assertThat(choice(openai, ToolChoice.REQUIRED).asText()).isEqualTo("required");
        assertThat(choice(openai, ToolChoice.named("read_file"))).isEqualTo(Json.parseOrNull("{\"type\":\"function\",\"name\":\"read_file\"}"));

        GeminiAdapter gemini = new GeminiAdapter(CONFIG);
        assertThat(choice(gemini, ToolChoice.AUTO)).isEqualTo(Json.parseOrNull("{\"mode\":\"AUTO\"}"));
        assertThat(choice(gemini, ToolChoice.NONE)).isEqualTo(Json.parseOrNull("{\"mode\":\"NONE\"}"));
        assertThat(choice(gemini, ToolChoice.REQUIRED)).isEqualTo(Json.parseOrNull("{\"mode\":\"ANY\"}"));
        assertThat(choice(gemini, ToolChoice.named("read_file")))
                .isEqualTo(Json.parseOrNull("{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"read_file\"]}"));

        ChatCompletionsAdapter chat = new ChatCompletionsAdapter(CONFIG);
        assertThat(choice(chat, ToolChoice.named("read_file")))
                .isEqualTo(Json.parseOrNull("{\"type\":\"function\",\"function\":{\"name\":\"read_file\"}}"));
    }

    @Test
    void sendsLocalImageFilesInlineAndRejectsAudioWhereUnsupported(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("shot.png");
        Files.write(png, new byte[] {1, 2, 3});
        Request request = Request.builder("m").message(Message.user(new ContentPart.Text("see"),
                ContentPart.Image.file(png))).build();
        assertThat(new AnthropicAdapter(CONFIG).body(request).at("/messages/0/content/1/source"))
                .isEqualTo(Json.parseOrNull("{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"AQID\"}"));
        assertThat(new OpenAiAdapter(CONFIG).body(request).at("/input/0/content/1/image_url").asText())
                .isEqualTo("data:image/png;base64,AQID");
        assertThat(new GeminiAdapter(CONFIG).body(request).at("/contents/0/parts/1/inlineData"))
                .isEqualTo(Json.parseOrNull("{\"mimeType\":\"image/png\",\"data\":\"AQID\"}"));

        Request missing = Request.builder("m").message(Message.user(ContentPart.Image.file(dir.resolve("gone.png")))).build();
        assertThatThrownBy(() -> new AnthropicAdapter(CONFIG).body(missing)).isInstanceOf(LlmException.class)
                .hasMessageContaining("cannot read media file").hasMessageContaining("gone.png");

        Request audio = Request.builder("m").message(Message.user(new ContentPart.Audio(null, new byte[] {9}, "audio/wav"))).build();
        assertThatThrownBy(() -> new AnthropicAdapter(CONFIG).body(audio)).hasMessageContaining("does not accept audio");
        assertThatThrownBy(() -> new OpenAiAdapter(CONFIG).body(audio)).hasMessageContaining("does not accept audio");
        assertThat(new GeminiAdapter(CONFIG).body(audio).at("/contents/0/parts/0/inlineData/mimeType").asText())
                .isEqualTo("audio/wav");

        Request pdf = Request.builder("m").message(Message.user(new ContentPart.Document(null, new byte[] {7}, "application/pdf", "spec.pdf"))).build();
        assertThat(new AnthropicAdapter(CONFIG).body(pdf).at("/messages/0/content/0")).isEqualTo(Json.parseOrNull(
                "{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\",\"data\":\"Bw==\"},"
                        + "\"title\":\"spec.pdf\",\"cache_control\":{\"type\":\"ephemeral\"}}"));
    }

    @Test
    void anthropicRoundTripsThinkingAndRedactedThinkingVerbatim() {
        Request request = Request.builder("m").message(Message.user("q"))
                .message(new Message(Role.ASSISTANT, List.of(new ContentPart.Thinking("hmm", "sig-xyz"),
                        new ContentPart.RedactedThinking("opaque==blob"), new ContentPart.Text("a"))))
                .message(Message.user("q2")).build();
        assertThat(new AnthropicAdapter(CONFIG).body(request).at("/messages/1/content")).isEqualTo(Json.parseOrNull(
                "[{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"sig-xyz\"},"
                        + "{\"type\":\"redacted_thinking\",\"data\":\"opaque==blob\"},{\"type\":\"text\",\"text\":\"a\"}]"));
    }

    @Test
    void geminiMapsReasoningEffortToALevelOrABudgetByModelGeneration() {
        Request three = Request.builder("gemini-3-flash-preview").message(Message.user("q")).reasoningEffort("low").build();
        assertThat(new GeminiAdapter(CONFIG).body(three).at("/generationConfig/thinkingConfig"))
                .isEqualTo(Json.parseOrNull("{\"thinkingLevel\":\"low\"}"));
        Request two = three.toBuilder().model("gemini-2.5-pro").reasoningEffort("medium").build();
        assertThat(new GeminiAdapter(CONFIG).body(two).at("/generationConfig/thinkingConfig"))
                .isEqualTo(Json.parseOrNull("{\"thinkingBudget\":8192}"));
    }

    @Test
    void anthropicHeadersCarryVersionKeyAndBetas() {
        Request request = Request.builder("m").message(Message.user("q")).providerOptions((com.fasterxml.jackson.databind.node.ObjectNode)
                Json.parseOrNull("{\"anthropic\":{\"beta_headers\":[\"a-1\",\"b-2\"]}}")).build();
        assertThat(new AnthropicAdapter(CONFIG).headers(request)).containsEntry("x-api-key", "key")
                .containsEntry("anthropic-version", "2023-06-01")
                .containsEntry("anthropic-beta", "a-1,b-2,prompt-caching-2024-07-31");
        assertThat(new OpenAiAdapter(CONFIG).headers(request)).containsEntry("authorization", "Bearer key");
        assertThat(new GeminiAdapter(CONFIG).headers(request)).containsEntry("x-goog-api-key", "key");
    }
}
