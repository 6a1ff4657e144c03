package io.nightshift.llm.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.llm.ContentPart;
import io.nightshift.llm.Json;
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
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gemini API adapter (unified-llm-spec 7.3): {@code POST {base}/v1beta/models/{model}:streamGenerateContent?alt=sse},
 * key in {@code x-goog-api-key}. Gemini has no call ids: the adapter invents {@code call_<uuid>} ids and, when
 * results come back, finds the function name by looking the id up among the request's assistant tool calls.
 * {@code reasoning_effort} becomes {@code generationConfig.thinkingConfig.thinkingLevel} (Gemini 3) or a
 * {@code thinkingBudget} of 1024 / 8192 / 24576 tokens (Gemini 2.x); a JSON response
 * format becomes {@code responseMimeType} plus {@code responseSchema}. Fields of {@code providerOptions.gemini}
 * are copied into the body ({@code safetySettings}, {@code cachedContent}, {@code generationConfig} merged).
 */
public final class GeminiAdapter extends HttpAdapter {

    public static final String NAME = "gemini";

    public GeminiAdapter(ProviderConfig config) {
        super(NAME, config);
    }

    @Override
    protected URI endpoint(Request request) {
        return URI.create(config.baseUrl() + "/v1beta/models/" + URLEncoder.encode(request.model(), StandardCharsets.UTF_8)
                + ":streamGenerateContent?alt=sse");
    }

    @Override
    public Map<String, String> headers(Request request) {
        Map<String, String> headers = new LinkedHashMap<>(config.headers());
        if (config.apiKey() != null) {
            headers.put("x-goog-api-key", config.apiKey());
        }
        return headers;
    }

    @Override
    public ObjectNode body(Request request) {
        ObjectNode body = Json.object();
        ArrayNode contents = body.putArray("contents");
        for (Message m : request.messages()) {
            String role = switch (m.role()) {
                case SYSTEM, DEVELOPER -> null;
                case USER, TOOL -> "user";
                case ASSISTANT -> "model";
            };
            if (role == null) {
                continue;
            }
            ArrayNode parts = Json.MAPPER.createArrayNode();
            for (ContentPart p : m.content()) {
                ObjectNode part = part(p, request);
                if (part != null) {
                    parts.add(part);
                }
            }
            if (parts.isEmpty()) {
                continue;
            }
            JsonNode previous = contents.isEmpty() ? null : contents.get(contents.size() - 1);
            if (previous != null && role.equals(previous.path("role").asText())) {
                // one turn per role: parallel function responses must share the turn that answers the calls
                ((ArrayNode) previous.get("parts")).addAll(parts);
            } else {
                ObjectNode content = contents.addObject().put("role", role);
                content.set("parts", parts);
            }
        }
        String system = Adapters.systemText(request);
        if (system != null) {
            body.putObject("systemInstruction").putArray("parts").addObject().put("text", system);
        }
        if (!request.tools().isEmpty()) {
            ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
            for (ToolDefinition tool : request.tools()) {
                declarations.addObject().put("name", tool.name()).put("description", tool.description())
                        .set("parameters", tool.parameters());
            }
            if (request.toolChoice() != null) {
                ObjectNode config = body.putObject("toolConfig").putObject("functionCallingConfig");
                switch (request.toolChoice().mode()) {
                    case AUTO -> config.put("mode", "AUTO");
                    case NONE -> config.put("mode", "NONE");
                    case REQUIRED -> config.put("mode", "ANY");
                    case NAMED -> config.put("mode", "ANY").putArray("allowedFunctionNames")
                            .add(request.toolChoice().toolName());
                }
            }
        }
        ObjectNode generation = Json.object();
        if (request.temperature() != null) {
            generation.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            generation.put("topP", request.topP());
        }
        if (request.maxTokens() != null) {
            generation.put("maxOutputTokens", request.maxTokens());
        }
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stops = generation.putArray("stopSequences");
            request.stopSequences().forEach(stops::add);
        }
        ResponseFormat format = request.responseFormat();
        if (format != null && format.type() != ResponseFormat.Type.TEXT) {
            generation.put("responseMimeType", "application/json");
            if (format.schema() != null) {
                generation.set("responseSchema", geminiSchema(format.schema()));
            }
        }
        if (request.reasoningEffort() != null) {
            ObjectNode thinking = generation.putObject("thinkingConfig");
            if (request.model().startsWith("gemini-2")) {
                // Gemini 2.x takes a token budget instead of a level
                thinking.put("thinkingBudget", switch (request.reasoningEffort()) {
                    case "low" -> 1024;
                    case "medium" -> 8192;
                    default -> 24576;
                });
            } else {
                thinking.put("thinkingLevel", request.reasoningEffort());
            }
        }
        if (!generation.isEmpty()) {
            body.set("generationConfig", generation);
        }
        Adapters.mergeOptions(body, request.optionsFor(NAME));
        return body;
    }

    private static ObjectNode part(ContentPart p, Request request) {
        ObjectNode part = Json.object();
        switch (p) {
            case ContentPart.Text t -> part.put("text", t.text());
            case ContentPart.Image img -> media(part, Media.resolve(img.url(), img.data(), img.mediaType(), "image/png"));
            case ContentPart.Audio a -> media(part, Media.resolve(a.url(), a.data(), a.mediaType(), "audio/wav"));
            case ContentPart.Document d -> media(part, Media.resolve(d.url(), d.data(), d.mediaType(), "application/pdf"));
            case ContentPart.ToolCallPart c -> {
                part.putObject("functionCall").put("name", c.call().name()).set("args", c.call().arguments());
                if (c.call().signature() != null) {
                    part.put("thoughtSignature", c.call().signature());
                }
            }
            case ContentPart.ToolResultPart r -> {
                String name = Adapters.toolNameFor(request, r.toolCallId());
                ObjectNode fr = part.putObject("functionResponse").put("name", name == null ? r.toolCallId() : name);
                if (r.content().isObject() && !r.isError()) {
                    fr.set("response", r.content());
                } else {
                    fr.putObject("response").set(r.isError() ? "error" : "result", r.content());
                }
            }
            case ContentPart.Thinking t -> {
                return null;
            }
            case ContentPart.RedactedThinking r -> {
                return null;
            }
        }
        return part;
    }

    private static void media(ObjectNode part, Media media) {
        if (media.inline()) {
            part.putObject("inlineData").put("mimeType", media.mediaType()).put("data", media.base64());
        } else {
            part.putObject("fileData").put("mimeType", media.mediaType()).put("fileUri", media.url());
        }
    }

    /** Gemini's schema dialect (an OpenAPI subset) rejects a few JSON Schema keywords; they are dropped. */
    static JsonNode geminiSchema(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("additionalProperties");
            o.remove("$schema");
            Iterator<JsonNode> children = o.elements();
            while (children.hasNext()) {
                strip(children.next());
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(GeminiAdapter::strip);
        }
    }

    @Override
    protected StreamTranslator translator(Request request, HttpHeaders responseHeaders) {
        return new GeminiStreamTranslator(request.model());
    }
}
