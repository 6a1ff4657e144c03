package io.nightshift.agent.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.agent.AgentException;
import io.nightshift.llm.Json;
import io.nightshift.llm.ToolDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a profile's data from {@code agent-spec/profiles/<provider>/}: {@code system.md} and
 * {@code tools/index.txt} listing the tool files {@code tools/<name>.json} in offering order. The data comes from
 * a directory when one is given (so prompts can be edited without a rebuild), else from the classpath.
 */
public final class ProfileResources {

    private final Path directory;

    private ProfileResources(Path directory) {
        this.directory = directory;
    }

    public static ProfileResources classpath() {
        return new ProfileResources(null);
    }

    /** @param agentSpecDirectory the {@code agent-spec} directory */
    public static ProfileResources directory(Path agentSpecDirectory) {
        return new ProfileResources(agentSpecDirectory);
    }

    public String systemPrompt(String provider) {
        return read(provider + "/system.md");
    }

    public List<ToolDefinition> tools(String provider) {
        List<ToolDefinition> tools = new ArrayList<>();
        for (String line : read(provider + "/tools/index.txt").split("\n")) {
            String name = line.strip();
            if (name.isEmpty()) {
                continue;
            }
            String file = provider + "/tools/" + name + ".json";
            JsonNode json = Json.parseOrNull(read(file));
            if (json == null || !json.isObject()) {
                throw new AgentException("agent-spec/profiles/" + file + " is not a JSON object", false);
            }
            try {
                tools.add(new ToolDefinition(json.path("name").asText(), json.path("description").asText(),
                        json.get("parameters")));
            } catch (IllegalArgumentException e) {
                throw new AgentException("agent-spec/profiles/" + file + ": " + e.getMessage(), false);
            }
        }
        return tools;
    }

    private String read(String relative) {
        String where = "agent-spec/profiles/" + relative;
        try {
            if (directory != null) {
                Path file = directory.resolve("profiles").resolve(relative);
                if (!Files.isRegularFile(file)) {
                    throw new AgentException(file + " is missing; every profile needs system.md and tools/index.txt", false);
                }
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            try (InputStream in = ProfileResources.class.getClassLoader().getResourceAsStream(where)) {
                if (in == null) {
                    throw new AgentException(where + " is not on the classpath; is agent-spec a resource directory?", false);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new AgentException("cannot read " + where + ": " + e.getMessage(), false, e);
        }
    }
}
