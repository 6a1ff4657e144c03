package io.nightshift.bench;

import io.nightshift.agent.profile.Profiles;
import io.nightshift.agent.profile.ProviderProfile;
import io.nightshift.agent.session.ProcessingResult;
import io.nightshift.agent.session.Session;
import io.nightshift.agent.session.StopReason;
import io.nightshift.llm.Client;
import io.nightshift.llm.Message;
import io.nightshift.llm.ProviderConfig;
import io.nightshift.llm.Providers;
import io.nightshift.llm.Request;
import io.nightshift.llm.Response;
import io.nightshift.sandbox.LocalExecutionEnvironment;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * DESIGN.md budget: agent loop overhead per tool round under 2 ms, against the twin with no delay and a local
 * environment. {@code toolRound} is a whole round as the session runs it (streamed LLM call over HTTP to the
 * twin, a {@code read_file} through the environment, truncation, events, history); {@code bareRound} is the same
 * HTTP call and file read made directly, without the loop. The loop's own overhead is the difference. Rounds
 * are measured {@value #ROUNDS} to a session (a fresh session per invocation, created outside the timing).
 * {@code loopOnlyRound} isolates the loop itself: the same rounds with an in-memory adapter instead of HTTP.
 * {@link #main} also prints the retained heap per idle session.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AgentLoopBenchmark {

    static final int ROUNDS = 20;

    private Path dir;
    private TwinServer twin;
    private Client client;
    private LocalExecutionEnvironment env;
    private ProviderProfile profile;
    private Session session;
    private Session inMemorySession;
    private Client inMemory;
    private Request bareRequest;

    @Setup(Level.Trial)
    public void start() throws Exception {
        dir = Files.createTempDirectory("agent-bench");
        Files.writeString(dir.resolve("small.txt"), "one\ntwo\nthree\n");
        String script = "{\"rules\": [{\"match\": {\"turn\": " + (ROUNDS + 1) + "}, \"reply\": {\"text\": \"done\"}},"
                + "{\"reply\": {\"tool_calls\": [{\"name\": \"read_file\", \"arguments\": {\"file_path\": \"small.txt\"}}]}}]}";
        twin = TwinServer.start(TwinScripts.parse(script));
        client = Client.builder().provider(Providers.anthropic(ProviderConfig.of(twin.apiKey(), twin.baseUrl()))).build();
        env = new LocalExecutionEnvironment(dir, Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
        env.initialize();
        profile = Profiles.anthropic("claude-opus-4-6");
        inMemory = Client.builder().provider(new InMemoryAdapter()).build();
        bareRequest = Request.builder("claude-opus-4-6").provider("anthropic")
                .messages(List.of(Message.system("bench"), Message.user("read it"))).tools(profile.tools()).build();
    }

    @Setup(Level.Invocation)
    public void newSession() {
        session = Session.builder(client, profile, env).build();
        inMemorySession = Session.builder(inMemory, profile, env).build();
    }

    @TearDown(Level.Invocation)
    public void closeSession() {
        session.close();
        inMemorySession.close();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        client.close();
        twin.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public ProcessingResult toolRound() {
        ProcessingResult result = session.submit("Read small.txt repeatedly");
        if (result.stopReason() != StopReason.COMPLETED || result.toolRounds() != ROUNDS) {
            throw new IllegalStateException("unexpected benchmark run: " + result);
        }
        return result;
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public ProcessingResult loopOnlyRound() {
        ProcessingResult result = inMemorySession.submit("Read small.txt repeatedly");
        if (result.stopReason() != StopReason.COMPLETED || result.toolRounds() != ROUNDS) {
            throw new IllegalStateException("unexpected benchmark run: " + result);
        }
        return result;
    }

    @Benchmark
    public String bareRound() {
        Response response = client.stream(bareRequest).drain();
        return response.toolCalls().getFirst().name() + env.readFile("small.txt", 1, 2000);
    }

    /** Answers like the twin script, without HTTP: a read_file call until turn ROUNDS + 1, then text. */
    static final class InMemoryAdapter implements io.nightshift.llm.ProviderAdapter {
        @Override
        public String name() {
            return "anthropic";
        }

        @Override
        public io.nightshift.llm.EventStream stream(Request request) {
            long assistantTurns = request.messages().stream()
                    .filter(m -> m.role() == io.nightshift.llm.Role.ASSISTANT).count();
            List<io.nightshift.llm.ContentPart> parts = assistantTurns >= ROUNDS
                    ? List.of(new io.nightshift.llm.ContentPart.Text("done"))
                    : List.of(new io.nightshift.llm.ContentPart.ToolCallPart(new io.nightshift.llm.ToolCall(
                            "call_" + assistantTurns, "read_file",
                            io.nightshift.llm.Json.object().put("file_path", "small.txt"))));
            Message message = new Message(io.nightshift.llm.Role.ASSISTANT, parts);
            Response response = new Response("resp", request.model(), name(), message,
                    io.nightshift.llm.FinishReason.of(io.nightshift.llm.FinishReason.Reason.STOP, "stop"), io.nightshift.llm.Usage.of(10, 5), null, null, null);
            return io.nightshift.llm.EventStream.of(List.of(
                    new io.nightshift.llm.StreamEvent.StreamStart("resp", request.model(), List.of()),
                    new io.nightshift.llm.StreamEvent.Finish(io.nightshift.llm.FinishReason.of(io.nightshift.llm.FinishReason.Reason.STOP, "stop"), response.usage(),
                            response)));
        }
    }

    /** Runs briefly (1 fork, 3 x 2 s warm-up, 5 x 2 s measurement), then measures memory per idle session. */
    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(AgentLoopBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .build();
        new Runner(options).run();
        System.out.printf("retained heap per idle session: %.1f KB%n", idleSessionBytes(500) / 1024.0);
    }

    /** Average retained heap of an idle session (built, system prompt taken, no input yet). */
    static double idleSessionBytes(int count) throws Exception {
        AgentLoopBenchmark bench = new AgentLoopBenchmark();
        bench.start();
        try {
            List<Session> sessions = new ArrayList<>(count);
            sessions.add(Session.builder(bench.client, bench.profile, bench.env).build());
            long before = usedAfterGc();
            for (int i = 1; i <= count; i++) {
                sessions.add(Session.builder(bench.client, bench.profile, bench.env).build());
            }
            long after = usedAfterGc();
            double perSession = (after - before) / (double) count;
            sessions.forEach(Session::close);
            return perSession;
        } finally {
            bench.stop();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
