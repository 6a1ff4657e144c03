package io.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TwinCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine nightshift() {
        CommandLine cli = new CommandLine(new NightshiftCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    @Test
    void badScriptExitsWithTwoAndOneLineNamingTheFileAndLine() throws IOException {
        Path script = dir.resolve("script.yaml");
        Files.writeString(script, "steps:\n  - reply: {text: hi, bogus: 1}\n");
        int exit = nightshift().execute("twin", "--script", script.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith(script + ":2:").contains("bogus").doesNotContain("\n")
                .doesNotContain("Exception");
    }

    @Test
    void missingScriptIsABadUsageError() {
        assertThat(nightshift().execute("twin")).isEqualTo(2);
        assertThat(err.toString()).contains("--script");
    }

    @Test
    void aPortInUseIsABadUsageErrorNamingThePort() throws IOException {
        Path script = dir.resolve("script.yaml");
        Files.writeString(script, "rules: [{reply: {text: hi}}]\n");
        try (io.nightshift.twin.TwinServer busy = io.nightshift.twin.TwinServer.start(
                io.nightshift.twin.TwinScript.empty())) {
            int exit = nightshift().execute("twin", "--script", script.toString(), "--port",
                    Integer.toString(busy.port()));
            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).contains("cannot listen", Integer.toString(busy.port()));
        }
    }

    @Test
    void upstreamWithoutItsKeyIsABadUsageError() {
        CommandLine cli = nightshift();
        TwinCommand twin = cli.getSubcommands().get("twin").getCommand();
        twin.environment = name -> null;
        int exit = cli.execute("twin", "--upstream-provider", "anthropic", "--upstream-url", "https://example.invalid");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("ANTHROPIC_API_KEY");
    }

    @Test
    void servesTheScriptAndPrintsWhereUntilInterrupted() throws Exception {
        Path script = dir.resolve("script.yaml");
        Files.writeString(script, "rules: [{reply: {text: 'from the cli twin'}}]\n");
        CommandLine cli = nightshift();
        AtomicInteger exit = new AtomicInteger(-1);
        Path record = dir.resolve("requests.jsonl");
        Thread runner = new Thread(() -> exit.set(cli.execute("twin", "--script", script.toString(), "--record",
                record.toString())));
        runner.start();
        Instant deadline = Instant.now().plusSeconds(20);
        Matcher listening = Pattern.compile("twin listening on (http://127\\.0\\.0\\.1:\\d+) \\(anthropic, openai,"
                + " gemini\\)").matcher("");
        while (!listening.reset(out.toString()).find() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(listening.find(0)).as(out + err.toString()).isTrue();
        String base = listening.group(1);
        assertThat(out.toString()).contains("export ANTHROPIC_BASE_URL=" + base, "export OPENAI_BASE_URL=" + base
                + "/v1", "export GEMINI_API_KEY=twin-key");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                        + "/v1/responses")).header("authorization", "Bearer twin-key").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"input\":\"hi\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).contains("from the cli twin");
        assertThat(Files.readAllLines(record)).singleElement().asString().contains("\"path\":\"/v1/responses\"");
        runner.interrupt();
        runner.join(10_000);
        assertThat(exit.get()).isEqualTo(130);
    }
}
