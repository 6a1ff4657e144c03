package io.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code nightshift ask} and {@code nightshift models}, run through picocli against the twin. */
class AskCommandTest {

    private TwinServer twin;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stop() {
        if (twin != null) {
            twin.close();
        }
    }

    private int run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private Map<String, String> twinEnv(String script) {
        twin = TwinServer.start(TwinScripts.parse(script));
        return twin.environment();
    }

    @Test
    void printsTheCompletionAndUsageWhenVerbose() {
        Map<String, String> env = twinEnv("rules:\n  - reply: {text: \"Hi!\", usage: {input_tokens: 7, output_tokens: 2}}\n");
        int code = run(new AskCommand(env), "--provider", "gemini", "--system", "be nice", "--verbose", "say", "hi");
        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("Hi!\n");
        assertThat(err.toString()).isEqualTo(
                "gemini/gemini-3.1-pro-preview: input 7, output 2, total 9 tokens, finish stop\n");
        assertThat(twin.requests().get(0).json().at("/systemInstruction/parts/0/text").asText()).isEqualTo("be nice");
        assertThat(twin.requests().get(0).json().at("/contents/0/parts/0/text").asText()).isEqualTo("say hi");
    }

    @Test
    void streamsWithStreamFlagAndPicksTheProviderFromTheModel() {
        Map<String, String> env = twinEnv("rules:\n  - reply: {text: \"streamed answer\", stream: {chunk_chars: 3}}\n");
        int code = run(new AskCommand(env), "--model", "gpt-5.2", "--stream", "question");
        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("streamed answer\n");
        assertThat(twin.requests().get(0).path()).isEqualTo("/v1/responses");
    }

    @Test
    void missingKeyNamesTheVariableAndExitsWithTwo() {
        int code = run(new AskCommand(Map.of("OPENAI_API_KEY", "sk")), "--provider", "anthropic", "hello");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: no API key for anthropic: set ANTHROPIC_API_KEY\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownModelListsKnownOnes() {
        int code = run(new AskCommand(Map.of("OPENAI_API_KEY", "sk")), "--model", "gpt-2", "hello");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: unknown model 'gpt-2'; known models: claude-opus-4-6, ");
    }

    @Test
    void providerErrorsAreOneLineAndExitWithOne() {
        Map<String, String> env = new HashMap<>(twinEnv("rules:\n  - reply: {text: never}\n"));
        env.put("ANTHROPIC_API_KEY", "wrong");
        int code = run(new AskCommand(env), "--provider", "anthropic", "hello");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: anthropic returned HTTP 401").endsWith("\n");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void retriesARateLimitThatSaysWhenToComeBack() {
        Map<String, String> env = twinEnv("""
                steps:
                  - reply: {error: {status: 429, retry_after: 1}}
                  - reply: {text: "after the wait"}
                """);
        int code = run(new AskCommand(env), "--provider", "anthropic", "hello");
        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("after the wait\n");
        assertThat(twin.requests()).hasSize(2);
    }

    @Test
    void doesNotRetryARefusedKey() {
        Map<String, String> env = twinEnv("rules:\n  - reply: {error: {status: 401, message: \"invalid x-api-key\"}}\n");
        int code = run(new AskCommand(env), "--provider", "anthropic", "hello");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("invalid x-api-key");
        assertThat(twin.requests()).hasSize(1);
    }

    @Test
    void modelsPrintsTheCatalogTable() {

        int code = run(new ModelsCommand(), "--provider", "anthropic");
        assertThat(code).isZero();
        assertThat(out.toString().lines()).containsExactly(
                "PROVIDER   MODEL                       CONTEXT  CAPABILITIES",
                "anthropic  claude-opus-4-6              200000  tools,vision,reasoning",
                "anthropic  claude-sonnet-4-5            200000  tools,vision,reasoning",
                "anthropic  claude-haiku-4-5             200000  tools,vision,reasoning");
    }
}
