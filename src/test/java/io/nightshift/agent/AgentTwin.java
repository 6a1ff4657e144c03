package io.nightshift.agent;

import io.nightshift.event.AgentEvent;
import io.nightshift.agent.profile.Profiles;
import io.nightshift.agent.profile.ProviderProfile;
import io.nightshift.agent.session.Session;
import io.nightshift.agent.session.SessionConfig;
import io.nightshift.llm.Client;
import io.nightshift.llm.ProviderConfig;
import io.nightshift.llm.Providers;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.LocalExecutionEnvironment;
import io.nightshift.twin.RecordedRequest;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Test fixture: the twin playing a script over real HTTP, an llm client pointed at it for one provider, an
 * environment on a temporary directory (local unless another is given), and a recording sink. Close it after
 * each test.
 */
public final class AgentTwin implements AutoCloseable {

    public final String provider;
    public final TwinServer twin;
    public final Client client;
    public final ExecutionEnvironment env;
    public final RecordingSink events = new RecordingSink();
    public final Path dir;

    public AgentTwin(String provider, String script, Path dir) {
        this(provider, script, dir, AgentTwin::localEnvironment);
    }

    /** With the tools acting on {@code dir} through the environment {@code environments} opens over it. */
    public AgentTwin(String provider, String script, Path dir, Function<Path, ExecutionEnvironment> environments) {
        this.provider = provider;
        this.dir = dir;
        this.twin = TwinServer.start(TwinScripts.parse(script));
        String base = provider.equals(Providers.OPENAI) ? twin.baseUrl() + "/v1" : twin.baseUrl();
        ProviderConfig config = ProviderConfig.of(twin.apiKey(), base);
        this.client = Client.builder().provider(switch (provider) {
            case Providers.ANTHROPIC -> Providers.anthropic(config);
            case Providers.OPENAI -> Providers.openai(config);
            default -> Providers.gemini(config);
        }).build();
        this.env = environments.apply(dir);
        env.initialize();
    }

    /** The local environment on {@code dir}, with only PATH and HOME from the host. */
    public static ExecutionEnvironment localEnvironment(Path dir) {
        return new LocalExecutionEnvironment(dir, Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME", dir.toString()));
    }

    public static String model(String provider) {
        return switch (provider) {
            case Providers.ANTHROPIC -> "claude-opus-4-6";
            case Providers.OPENAI -> "gpt-5.2";
            default -> "gemini-3-flash-preview";
        };
    }

    public ProviderProfile profile() {
        return Profiles.forProvider(provider, model(provider));
    }

    public Session session() {
        return session(SessionConfig.defaults());
    }

    public Session session(SessionConfig config) {
        return session(profile(), config);
    }

    public Session session(ProviderProfile profile, SessionConfig config) {
        return Session.builder(client, profile, env).config(config).sink(events).build();
    }

    public List<RecordedRequest> requests() {
        return twin.requests();
    }

    /** The tool results (as text) the model received in request {@code index} (0-based), in order. */
    public List<String> toolResultsIn(int index) {
        return WireReader.toolResults(provider, requests().get(index).json());
    }

    /** Every user-visible text (user messages) the model received in request {@code index}. */
    public List<String> userTextsIn(int index) {
        return WireReader.userTexts(provider, requests().get(index).json());
    }

    public String systemPromptIn(int index) {
        return WireReader.systemPrompt(provider, requests().get(index).json());
    }

    public List<String> toolNamesIn(int index) {
        return WireReader.toolNames(provider, requests().get(index).json());
    }

    public AgentEvent.ToolCallEnd toolEnd(String toolName) {
        return events.ofType(AgentEvent.ToolCallEnd.class).stream().filter(e -> e.toolName().equals(toolName))
                .findFirst().orElseThrow(() -> new AssertionError("no TOOL_CALL_END for " + toolName + " in " + events.kinds()));
    }

    @Override
    public void close() {
        env.cleanup();
        client.close();
        twin.close();
    }
}
