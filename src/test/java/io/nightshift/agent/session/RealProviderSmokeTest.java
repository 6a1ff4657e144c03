package io.nightshift.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.agent.RecordingSink;
import io.nightshift.event.AgentEvent;
import io.nightshift.event.EventKind;
import io.nightshift.agent.profile.Profiles;
import io.nightshift.llm.Client;
import io.nightshift.llm.Middlewares;
import io.nightshift.llm.ModelCatalog;
import io.nightshift.llm.ModelInfo;
import io.nightshift.sandbox.LocalExecutionEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The integration smoke test of coding-agent spec 9.13 against the real provider APIs. Runs only when the
 * provider's key is in the environment; otherwise it is skipped with a message naming the variable.
 */
class RealProviderSmokeTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"openai,OPENAI_API_KEY", "anthropic,ANTHROPIC_API_KEY", "gemini,GEMINI_API_KEY"})
    void completesTheSmokeScenario(String provider, String keyVariable) throws Exception {
        String key = System.getenv(keyVariable);
        Assumptions.assumeTrue(key != null && !key.isBlank(),
                keyVariable + " not set: real " + provider + " smoke test (coding-agent spec 9.13) skipped");
        String model = ModelCatalog.builtIn().latest(provider, "tools").map(ModelInfo::id).orElseThrow();
        Client base = Client.fromEnv(Map.of(keyVariable, key));
        RecordingSink events = new RecordingSink();
        LocalExecutionEnvironment env = new LocalExecutionEnvironment(dir,
                Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
        env.initialize();
        try (Client client = Client.builder().provider(base.adapter(provider)).middleware(Middlewares.retry(io.nightshift.llm.RetryPolicy.DEFAULT)).build();
             Session session = Session.builder(client, Profiles.forProvider(provider, model), env).sink(events).build()) {
            session.submit("Create a file called hello.py that prints 'Hello World'");
            assertThat(env.fileExists("hello.py")).isTrue();
            assertThat(env.readFile("hello.py", null, null)).contains("Hello");

            session.submit("Read hello.py and add a second print statement that says 'Goodbye'");
            assertThat(env.readFile("hello.py", null, null)).contains("Hello", "Goodbye");

            session.submit("Run hello.py with python3 and show the output");
            assertThat(events.ofType(AgentEvent.ToolCallStart.class)).anyMatch(e -> e.toolName().equals("shell"));

            Files.writeString(dir.resolve("big.txt"), "x".repeat(100_000));
            session.submit("Read big.txt with read_file");
            assertThat(events.ofType(AgentEvent.ToolCallEnd.class))
                    .anyMatch(e -> e.output() != null && e.output().length() >= 100_000);

            session.steer("Actually, just create a single /health endpoint for now");
            session.submit("Create a Flask web application with multiple routes in app.py");
            assertThat(events.kinds()).contains(EventKind.STEERING_INJECTED);

            session.submit("Spawn a subagent to write tests for hello.py, then wait for it and review its output");
            assertThat(events.ofType(AgentEvent.SessionStart.class)).hasSizeGreaterThan(1);

            session.submit("Run 'sleep 30' with the default timeout");
            assertThat(events.ofType(AgentEvent.ToolCallEnd.class)).anyMatch(e -> e.toolName().equals("shell"));
        } finally {
            env.cleanup();
        }
    }
}
