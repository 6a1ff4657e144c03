package io.nightshift.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.llm.Providers;
import java.util.ArrayList;
import java.util.List;

/** Reads what the model was sent out of the provider wire formats recorded by the twin. */
final class WireReader {

    private WireReader() {
    }

    static List<String> toolResults(String provider, JsonNode body) {
        List<String> out = new ArrayList<>();
        switch (provider) {
            case Providers.ANTHROPIC -> {
                for (JsonNode message : body.path("messages")) {
                    for (JsonNode block : message.path("content")) {
                        if (block.path("type").asText().equals("tool_result")) {
                            JsonNode content = block.path("content");
                            out.add(content.isTextual() ? content.asText() : content.path(0).path("text").asText());
                        }
                    }
                }
            }
            case Providers.OPENAI -> {
                for (JsonNode item : body.path("input")) {
                    if (item.path("type").asText().equals("function_call_output")) {
                        out.add(item.path("output").asText());
                    }
                }
            }
            default -> {
                for (JsonNode content : body.path("contents")) {
                    for (JsonNode part : content.path("parts")) {
                        if (part.has("functionResponse")) {
                            JsonNode response = part.path("functionResponse").path("response");
                            JsonNode value = response.has("content") ? response.get("content")
                                    : response.has("error") ? response.get("error") : response.path("result");
                            out.add(value.isTextual() ? value.asText() : value.toString());
                        }
                    }
                }
            }
        }
        return out;
    }

    static List<String> userTexts(String provider, JsonNode body) {
        List<String> out = new ArrayList<>();
        switch (provider) {
            case Providers.ANTHROPIC -> {
                for (JsonNode message : body.path("messages")) {
                    if (message.path("role").asText().equals("user")) {
                        JsonNode content = message.path("content");
                        if (content.isTextual()) {
                            out.add(content.asText());
                        }
                        for (JsonNode block : content) {
                            if (block.path("type").asText().equals("text")) {
                                out.add(block.path("text").asText());
                            }
                        }
                    }
                }
            }
            case Providers.OPENAI -> {
                for (JsonNode item : body.path("input")) {
                    if (item.path("role").asText().equals("user")) {
                        JsonNode content = item.path("content");
                        if (content.isTextual()) {
                            out.add(content.asText());
                        }
                        for (JsonNode part : content) {
                            if (part.has("text")) {
                                out.add(part.path("text").asText());
                            }
                        }
                    }
                }
            }
            default -> {
                for (JsonNode content : body.path("contents")) {
                    if (content.path("role").asText().equals("user")) {
                        for (JsonNode part : content.path("parts")) {
                            if (part.has("text")) {
                                out.add(part.path("text").asText());
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    static String systemPrompt(String provider, JsonNode body) {
        return switch (provider) {
            case Providers.ANTHROPIC -> {
                JsonNode system = body.path("system");
                if (system.isTextual()) {
                    yield system.asText();
                }
                StringBuilder out = new StringBuilder();
                system.forEach(block -> out.append(block.path("text").asText()));
                yield out.toString();
            }
            case Providers.OPENAI -> {
                if (body.has("instructions")) {
                    yield body.path("instructions").asText();
                }
                StringBuilder out = new StringBuilder();
                for (JsonNode item : body.path("input")) {
                    String role = item.path("role").asText();
                    if (role.equals("system") || role.equals("developer")) {
                        JsonNode content = item.path("content");
                        if (content.isTextual()) {
                            out.append(content.asText());
                        }
                        content.forEach(p -> out.append(p.path("text").asText()));
                    }
                }
                yield out.toString();
            }
            default -> {
                StringBuilder out = new StringBuilder();
                body.path("systemInstruction").path("parts").forEach(p -> out.append(p.path("text").asText()));
                yield out.toString();
            }
        };
    }

    static List<String> toolNames(String provider, JsonNode body) {
        List<String> out = new ArrayList<>();
        if (provider.equals(Providers.GEMINI)) {
            for (JsonNode tool : body.path("tools")) {
                tool.path("functionDeclarations").forEach(f -> out.add(f.path("name").asText()));
            }
        } else {
            body.path("tools").forEach(t -> out.add(t.path("name").asText()));
        }
        return out;
    }
}
