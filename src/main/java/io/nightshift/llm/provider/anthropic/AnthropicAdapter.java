package io.nightshift.llm.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.llm.ContentPart;
import io.nightshift.llm.Json;
import io.nightshift.llm.LlmException;
import io.nightshift.llm.Message;
import io.nightshift.llm.ProviderConfig;
import io.nightshift.llm.Request;
import io.nightshift.llm.ResponseFormat;
import io.nightshift.llm.ToolChoice;
import io.nightshift.llm.ToolDefinition;
import io.nightshift.llm.provider.Adapters;
import io.nightshift.llm.provider.HttpAdapter;
import io.nightshift.llm.provider.Media;
import io.nightshift.llm.provider.StreamTranslator;
import java.net.URI;
import java.net.http.HttpHeaders;
import io.nightshift.llm.Warning;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Anthropic Messages API adapter (unified-llm-spec 7.3, 7.8): {@code POST {base}/v1/messages}, streamed.
 *
 * <p>Provider options ({@code providerOptions.anthropic}): {@code beta_headers} (list, joined into
 * {@code anthropic-beta}), {@code auto_cache} (default true), and any other field, copied into the body
 * ({@code thinking}, ...).
 *
 * <p>Prompt caching heuristic (unified-llm-spec 2.10): with {@code auto_cache} on, an ephemeral
 * {@code cache_control} breakpoint goes on the last system block, the last tool definition and the last
 * content block of the last user turn, so each turn of an agent loop reuses the whole previous prefix.
 * Three of Anthropic's four breakpoints are used; the {@code prompt-caching-2024-07-31} beta is then sent.
 *
 * <p>{@code reasoning_effort} has no Anthropic equivalent: without a {@code thinking} option it is not sent and
 * the response carries a warning.
 *
 * <p>Structured output has no native mode here: a JSON response format adds a schema instruction to the
 * system prompt.
 */
public final class AnthropicAdapter extends HttpAdapter {

    public static final String NAME = "anthropic";
    static final String VERSION = "2023-06-01";
    static final String CACHE_BETA = "prompt-caching-2024-07-31";
    static final int DEFAULT_MAX_TOKENS = 4096;

    public AnthropicAdapter(ProviderConfig config) {
        super(NAME, config);
    }

    @Override
    protected URI endpoint(Request request) {
        return URI.create(config.baseUrl() + "/v1/messages");
    }

    @Override
    public Map<String, String> headers(Request request) {
        Map<String, String> headers = new LinkedHashMap<>(config.headers());
        if (config.apiKey() != null) {
            headers.put("x-api-key", config.apiKey());
        }
        headers.put("anthropic-version", VERSION);
        ObjectNode options = request.optionsFor(NAME);
        Set<String> betas = new LinkedHashSet<>();
        options.path("beta_headers").forEach(b -> betas.add(b.asText()));
        if (autoCache(options)) {
            betas.add(CACHE_BETA);
        }
        if (!betas.isEmpty()) {
            headers.put("anthropic-beta", String.join(",", betas));
        }
        return headers;
    }

    private static boolean autoCache(ObjectNode options) {
        return options.path("auto_cache").asBoolean(true);
    }

    @Override
    public ObjectNode body(Request request) {
        ObjectNode options = request.optionsFor(NAME);
        boolean cache = autoCache(options);
        ObjectNode body = Json.object();
        body.put("model", request.model());
        body.put("max_tokens", request.maxTokens() != null ? request.maxTokens() : DEFAULT_MAX_TOKENS);
        String system = Adapters.systemText(request);
        ResponseFormat format = request.responseFormat();
        if (format != null && format.type() != ResponseFormat.Type.TEXT) {
            String instruction = Adapters.jsonInstruction(format.schema());
            system = system == null ? instruction : system + "\n\n" + instruction;
        }
        if (system != null) {
            ObjectNode block = body.putArray("system").addObject().put("type", "text").put("text", system);
            if (cache) {
                block.set("cache_control", ephemeral());
            }
        }
        ArrayNode messages = body.putArray("messages");
        translateMessages(request, messages);
        if (cache) {
            markLastUserTurn(messages);
        }
        boolean toolsOff = request.toolChoice() != null && request.toolChoice().mode() == ToolChoice.Mode.NONE;
        if (!request.tools().isEmpty() && !toolsOff) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDefinition tool : request.tools()) {
                tools.addObject().put("name", tool.name()).put("description", tool.description())
                        .set("input_schema", tool.parameters());
            }
            if (cache) {
                ((ObjectNode) tools.get(tools.size() - 1)).set("cache_control", ephemeral());
            }
            if (request.toolChoice() != null) {
                ObjectNode choice = body.putObject("tool_choice");
                switch (request.toolChoice().mode()) {
                    case AUTO -> choice.put("type", "auto");
                    case REQUIRED -> choice.put("type", "any");
                    case NAMED -> choice.put("type", "tool").put("name", request.toolChoice().toolName());
                    case NONE -> throw new IllegalStateException("unreachable: NONE omits tools");
                }
            }
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stops = body.putArray("stop_sequences");
            request.stopSequences().forEach(stops::add);
        }
        if (request.metadata().containsKey("user_id")) {
            body.putObject("metadata").put("user_id", request.metadata().get("user_id"));
        }
        body.put("stream", true);
        Adapters.mergeOptions(body, options, "beta_headers", "auto_cache");
        return body;
    }

    private static ObjectNode ephemeral() {
        return Json.object().put("type", "ephemeral");
    }

    /** Anthropic needs strict user/assistant alternation: consecutive same-role turns are merged. */
    private static void translateMessages(Request request, ArrayNode out) {
        String lastRole = null;
        ArrayNode lastContent = null;
        for (Message m : request.messages()) {
            String role = switch (m.role()) {
                case SYSTEM, DEVELOPER -> null;
                case USER, TOOL -> "user";
                case ASSISTANT -> "assistant";
            };
            if (role == null) {
                continue;
            }
            ArrayNode content = Json.MAPPER.createArrayNode();
            for (ContentPart part : m.content()) {
                ObjectNode block = block(part);
                if (block != null) {
                    content.add(block);
                }
            }
            if (content.isEmpty()) {
                continue;
            }
            if (role.equals(lastRole)) {
                lastContent.addAll(content);
            } else {
                ObjectNode message = out.addObject().put("role", role);
                message.set("content", content);
                lastRole = role;
                lastContent = content;
            }
        }
    }

    private static void markLastUserTurn(ArrayNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if ("user".equals(m.path("role").asText())) {
                JsonNode content = m.get("content");
                ((ObjectNode) content.get(content.size() - 1)).set("cache_control", ephemeral());
                return;
            }
        }
    }

    private static ObjectNode block(ContentPart part) {
        ObjectNode b = Json.object();
        switch (part) {
            case ContentPart.Text t -> {
                if (t.text().isEmpty()) {
                    return null;
                }
                b.put("type", "text").put("text", t.text());
            }
            case ContentPart.Image img -> {
                b.put("type", "image").set("source", source(Media.resolve(img.url(), img.data(), img.mediaType(), "image/png")));
            }
            case ContentPart.Document doc -> {
                b.put("type", "document").set("source", source(Media.resolve(doc.url(), doc.data(), doc.mediaType(), "application/pdf")));
                if (doc.fileName() != null) {
                    b.put("title", doc.fileName());
                }
            }
            case ContentPart.Audio a -> throw new LlmException(
                    "anthropic does not accept audio input; remove the audio part or send it to gemini", false);
            case ContentPart.ToolCallPart c -> b.put("type", "tool_use").put("id", c.call().id())
                    .put("name", c.call().name()).set("input", c.call().arguments());
            case ContentPart.ToolResultPart r -> {
                b.put("type", "tool_result").put("tool_use_id", r.toolCallId());
                if (r.imageData() != null) {
                    ArrayNode content = b.putArray("content");
                    content.addObject().put("type", "text").put("text", r.contentText());
                    content.addObject().put("type", "image").set("source",
                            source(Media.resolve(null, r.imageData(), r.imageMediaType(), "image/png")));
                } else {
                    b.put("content", r.contentText());
                }
                if (r.isError()) {
                    b.put("is_error", true);
                }
            }
            case ContentPart.Thinking t -> {
                if (t.signature() == null) {
                    return null; // unsigned thinking (another provider's) cannot be replayed to Anthropic
                }
                b.put("type", "thinking").put("thinking", t.text()).put("signature", t.signature());
            }
            case ContentPart.RedactedThinking r -> b.put("type", "redacted_thinking").put("data", r.data());
        }
        return b;
    }

    private static ObjectNode source(Media media) {
        ObjectNode s = Json.object();
        if (media.inline()) {
            s.put("type", "base64").put("media_type", media.mediaType()).put("data", media.base64());
        } else {
            s.put("type", "url").put("url", media.url());
        }
        return s;
    }

    @Override
    protected StreamTranslator translator(Request request, HttpHeaders responseHeaders) {
        List<Warning> warnings = request.reasoningEffort() != null && !request.optionsFor(NAME).has("thinking")
                ? List.of(new Warning("reasoning_effort has no Anthropic equivalent and was not sent; enable extended"
                        + " thinking with providerOptions.anthropic.thinking", "unsupported_parameter"))
                : List.of();
        return new AnthropicStreamTranslator(responseHeaders, warnings);
    }
}
