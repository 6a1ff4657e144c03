package io.nightshift.llm.provider.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.llm.ContentPart;
import io.nightshift.llm.Json;
import io.nightshift.llm.LlmException;
import io.nightshift.llm.Message;
import io.nightshift.llm.ProviderConfig;
import io.nightshift.llm.Request;
import io.nightshift.llm.ResponseFormat;
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
import java.util.Map;

/**
 * OpenAI Responses API adapter (unified-llm-spec 7.3): {@code POST {base}/responses}, streamed. System and
 * developer text go to {@code instructions}; tool calls and results are top-level {@code function_call} /
 * {@code function_call_output} input items; {@code reasoning_effort} becomes {@code reasoning.effort}; a JSON
 * response format becomes {@code text.format}. Every field of {@code providerOptions.openai} is copied into the
 * body. Stop sequences are not supported by this API: they are left out and the response carries a warning. OpenAI caches prompt
 * prefixes by itself.
 */
public final class OpenAiAdapter extends HttpAdapter {

    public static final String NAME = "openai";

    private final String organization;
    private final String project;

    public OpenAiAdapter(ProviderConfig config, String organization, String project) {
        super(NAME, config);
        this.organization = organization;
        this.project = project;
    }

    public OpenAiAdapter(ProviderConfig config) {
        this(config, null, null);
    }

    @Override
    protected URI endpoint(Request request) {
        return URI.create(config.baseUrl() + "/responses");
    }

    @Override
    public Map<String, String> headers(Request request) {
        Map<String, String> headers = new LinkedHashMap<>(config.headers());
        if (config.apiKey() != null) {
            headers.put("authorization", "Bearer " + config.apiKey());
        }
        if (organization != null) {
            headers.put("openai-organization", organization);
        }
        if (project != null) {
            headers.put("openai-project", project);
        }
        return headers;
    }

    @Override
    public ObjectNode body(Request request) {
        ObjectNode body = Json.object();
        body.put("model", request.model());
        String instructions = Adapters.systemText(request);
        if (instructions != null) {
            body.put("instructions", instructions);
        }
        ArrayNode input = body.putArray("input");
        for (Message m : request.messages()) {
            switch (m.role()) {
                case SYSTEM, DEVELOPER -> { }
                case USER -> message(input, "user", m);
                case ASSISTANT -> {
                    message(input, "assistant", m);
                    for (ContentPart p : m.content()) {
                        if (p instanceof ContentPart.ToolCallPart c) {
                            input.addObject().put("type", "function_call").put("call_id", c.call().id())
                                    .put("name", c.call().name()).put("arguments", c.call().rawArguments());
                        }
                    }
                }
                case TOOL -> {
                    for (ContentPart p : m.content()) {
                        if (p instanceof ContentPart.ToolResultPart r) {
                            input.addObject().put("type", "function_call_output").put("call_id", r.toolCallId())
                                    .put("output", r.contentText());
                        }
                    }
                }
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDefinition tool : request.tools()) {
                tools.addObject().put("type", "function").put("name", tool.name())
                        .put("description", tool.description()).set("parameters", tool.parameters());
            }
            if (request.toolChoice() != null) {
                switch (request.toolChoice().mode()) {
                    case AUTO -> body.put("tool_choice", "auto");
                    case NONE -> body.put("tool_choice", "none");
                    case REQUIRED -> body.put("tool_choice", "required");
                    case NAMED -> body.putObject("tool_choice").put("type", "function")
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
            body.put("max_output_tokens", request.maxTokens());
        }
        if (request.reasoningEffort() != null) {
            body.putObject("reasoning").put("effort", request.reasoningEffort());
        }
        ResponseFormat format = request.responseFormat();
        if (format != null && format.type() != ResponseFormat.Type.TEXT) {
            ObjectNode f = body.putObject("text").putObject("format");
            if (format.type() == ResponseFormat.Type.JSON) {
                f.put("type", "json_object");
            } else {
                f.put("type", "json_schema").put("name", "output").put("strict", format.strict())
                        .set("schema", format.schema());
            }
        }
        if (!request.metadata().isEmpty()) {
            ObjectNode meta = body.putObject("metadata");
            request.metadata().forEach(meta::put);
        }
        body.put("stream", true);
        Adapters.mergeOptions(body, request.optionsFor(NAME));
        return body;
    }

    private static void message(ArrayNode input, String role, Message m) {
        ArrayNode content = Json.MAPPER.createArrayNode();
        boolean user = role.equals("user");
        for (ContentPart p : m.content()) {
            switch (p) {
                case ContentPart.Text t -> content.addObject().put("type", user ? "input_text" : "output_text")
                        .put("text", t.text());
                case ContentPart.Image img -> {
                    Media media = Media.resolve(img.url(), img.data(), img.mediaType(), "image/png");
                    ObjectNode part = content.addObject().put("type", "input_image")
                            .put("image_url", media.inline() ? media.dataUri() : media.url());
                    if (img.detail() != null) {
                        part.put("detail", img.detail());
                    }
                }
                case ContentPart.Document doc -> {
                    Media media = Media.resolve(doc.url(), doc.data(), doc.mediaType(), "application/pdf");
                    ObjectNode part = content.addObject().put("type", "input_file");
                    if (media.inline()) {
                        part.put("filename", doc.fileName() == null ? "document.pdf" : doc.fileName())
                                .put("file_data", media.dataUri());
                    } else {
                        part.put("file_url", media.url());
                    }
                }
                case ContentPart.Audio a -> throw new LlmException(
                        "the OpenAI Responses API adapter does not accept audio input; send audio to gemini", false);
                case ContentPart.ToolCallPart c -> { }
                case ContentPart.ToolResultPart r -> { }
                case ContentPart.Thinking t -> { }
                case ContentPart.RedactedThinking r -> { }
            }
        }
        if (!content.isEmpty()) {
            ObjectNode item = input.addObject().put("type", "message").put("role", role);
            item.set("content", content);
        }
    }

    @Override
    protected StreamTranslator translator(Request request, HttpHeaders responseHeaders) {
        List<Warning> warnings = request.stopSequences().isEmpty() ? List.of() : List.of(new Warning(
                "stop sequences are not supported by the OpenAI Responses API and were not sent", "unsupported_parameter"));
        return new OpenAiStreamTranslator(responseHeaders, warnings);
    }
}
