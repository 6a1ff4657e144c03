package io.nightshift.llm.provider.compatible;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.llm.ContentPart;
import io.nightshift.llm.Json;
import io.nightshift.llm.LlmException;
import io.nightshift.llm.Message;
import io.nightshift.llm.ProviderConfig;
import io.nightshift.llm.Request;
import io.nightshift.llm.ResponseFormat;
import io.nightshift.llm.ToolCall;
import io.nightshift.llm.ToolDefinition;
import io.nightshift.llm.provider.Adapters;
import io.nightshift.llm.provider.HttpAdapter;
import io.nightshift.llm.provider.Media;
import io.nightshift.llm.provider.StreamTranslator;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI-compatible Chat Completions adapter for local and third-party servers (vLLM, Ollama, llama.cpp;
 * unified-llm-spec 7.10): {@code POST {base}/chat/completions}, streamed, ending with {@code data: [DONE]}.
 * No reasoning tokens or built-in tools. The provider name defaults to {@code openai_compatible}; options come
 * from {@code providerOptions.<name>}.
 */
public final class ChatCompletionsAdapter extends HttpAdapter {

    public static final String NAME = "openai_compatible";

    public ChatCompletionsAdapter(String name, ProviderConfig config) {
        super(name, config);
    }

    public ChatCompletionsAdapter(ProviderConfig config) {
        this(NAME, config);
    }

    @Override
    protected URI endpoint(Request request) {
        return URI.create(config.baseUrl() + "/chat/completions");
    }

    @Override
    public Map<String, String> headers(Request request) {
        Map<String, String> headers = new LinkedHashMap<>(config.headers());
        if (config.apiKey() != null && !config.apiKey().isEmpty()) {
            headers.put("authorization", "Bearer " + config.apiKey());
        }
        return headers;
    }

    @Override
    public ObjectNode body(Request request) {
        ObjectNode body = Json.object();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        for (Message m : request.messages()) {
            switch (m.role()) {
                case SYSTEM -> messages.addObject().put("role", "system").put("content", m.text());
                case DEVELOPER -> messages.addObject().put("role", "developer").put("content", m.text());
                case USER -> user(messages.addObject().put("role", "user"), m);
                case ASSISTANT -> {
                    ObjectNode msg = messages.addObject().put("role", "assistant");
                    String text = m.text();
                    if (text.isEmpty()) {
                        msg.putNull("content");
                    } else {
                        msg.put("content", text);
                    }
                    List<ToolCall> calls = m.toolCalls();
                    if (!calls.isEmpty()) {
                        ArrayNode tc = msg.putArray("tool_calls");
                        for (ToolCall c : calls) {
                            tc.addObject().put("id", c.id()).put("type", "function").putObject("function")
                                    .put("name", c.name()).put("arguments", c.rawArguments());
                        }
                    }
                }
                case TOOL -> {
                    for (ContentPart p : m.content()) {
                        if (p instanceof ContentPart.ToolResultPart r) {
                            messages.addObject().put("role", "tool").put("tool_call_id", r.toolCallId())
                                    .put("content", r.contentText());
                        }
                    }
                }
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDefinition tool : request.tools()) {
                tools.addObject().put("type", "function").putObject("function").put("name", tool.name())
                        .put("description", tool.description()).set("parameters", tool.parameters());
            }
            if (request.toolChoice() != null) {
                switch (request.toolChoice().mode()) {
                    case AUTO -> body.put("tool_choice", "auto");
                    case NONE -> body.put("tool_choice", "none");
                    case REQUIRED -> body.put("tool_choice", "required");
                    case NAMED -> body.putObject("tool_choice").put("type", "function").putObject("function")
                            .put("name", request.toolChoice().toolName());
                }
            }
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        if (request.maxTokens() != null) {
            body.put("max_tokens", request.maxTokens());
        }
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stops = body.putArray("stop");
            request.stopSequences().forEach(stops::add);
        }
        ResponseFormat format = request.responseFormat();
        if (format != null && format.type() != ResponseFormat.Type.TEXT) {
            ObjectNode rf = body.putObject("response_format");
            if (format.type() == ResponseFormat.Type.JSON) {
                rf.put("type", "json_object");
            } else {
                rf.put("type", "json_schema").putObject("json_schema").put("name", "output")
                        .put("strict", format.strict()).set("schema", format.schema());
            }
        }
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        Adapters.mergeOptions(body, request.optionsFor(name()));
        return body;
    }

    private static void user(ObjectNode msg, Message m) {
        boolean textOnly = m.content().stream().allMatch(p -> p instanceof ContentPart.Text);
        if (textOnly) {
            msg.put("content", m.text());
            return;
        }
        ArrayNode content = msg.putArray("content");
        for (ContentPart p : m.content()) {
            switch (p) {
                case ContentPart.Text t -> content.addObject().put("type", "text").put("text", t.text());
                case ContentPart.Image img -> {
                    Media media = Media.resolve(img.url(), img.data(), img.mediaType(), "image/png");
                    ObjectNode url = content.addObject().put("type", "image_url").putObject("image_url")
                            .put("url", media.inline() ? media.dataUri() : media.url());
                    if (img.detail() != null) {
                        url.put("detail", img.detail());
                    }
                }
                case ContentPart.Audio a -> throw new LlmException("the chat-completions adapter does not send audio", false);
                case ContentPart.Document d -> throw new LlmException("the chat-completions adapter does not send documents", false);
                case ContentPart.ToolCallPart c -> { }
                case ContentPart.ToolResultPart r -> { }
                case ContentPart.Thinking t -> { }
                case ContentPart.RedactedThinking r -> { }
            }
        }
    }

    @Override
    protected StreamTranslator translator(Request request, HttpHeaders responseHeaders) {
        return new ChatCompletionsStreamTranslator(name());
    }
}
