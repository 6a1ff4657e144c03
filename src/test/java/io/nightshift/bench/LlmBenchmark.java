package io.nightshift.bench;

import io.nightshift.llm.Client;
import io.nightshift.llm.Message;
import io.nightshift.llm.ProviderConfig;
import io.nightshift.llm.Request;
import io.nightshift.llm.Response;
import io.nightshift.llm.http.SseReader;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * LLM client benchmarks: SSE parsing throughput on a large synthetic Anthropic-style transcript, and the client's
 * cost per request (translate, HTTP, SSE decode, accumulate) against the twin with no scripted latency.
 * {@code main} runs both briefly and prints MB/s and microseconds per request.
 */
public class LlmBenchmark {

    static final int CHUNK = 8 * 1024;

    @State(Scope.Benchmark)
    public static class Transcript {
        byte[] bytes;

        @Setup(Level.Trial)
        public void build() {
            StringBuilder sb = new StringBuilder();
            int i = 0;
            while (sb.length() < 8 * 1024 * 1024) {
                sb.append("event: content_block_delta\r\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":")
                        .append("{\"type\":\"text_delta\",\"text\":\"token ").append(i++).append(" caf\u00e9 \u20ac\"}}\r\n\r\n");
                if (i % 50 == 0) {
                    sb.append(": keep-alive\n\n");
                }
            }
            bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void parseSse(Transcript t, Blackhole bh) {
        SseReader reader = new SseReader();
        for (int off = 0; off < t.bytes.length; off += CHUNK) {
            reader.feed(t.bytes, off, Math.min(CHUNK, t.bytes.length - off), bh::consume);
        }
        reader.finish(bh::consume);
    }

    @State(Scope.Benchmark)
    public static class Twin {
        TwinServer twin;
        Client client;
        Request request;

        @Setup(Level.Trial)
        public void start() {
            twin = TwinServer.start(TwinScripts.parse("rules:\n  - reply: {text: \"A short answer of a few words.\"}\n"));
            client = Client.builder().anthropic(ProviderConfig.of(twin.apiKey(), twin.baseUrl())).build();
            request = Request.builder("claude-opus-4-6").message(Message.system("You are terse."))
                    .message(Message.user("Say something short.")).build();
        }

        @TearDown(Level.Trial)
        public void stop() {
            twin.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Response completeAgainstTwin(Twin t) {
        return t.client.complete(t.request);
    }

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(LlmBenchmark.class.getName() + ".*")
                .warmupIterations(2).warmupTime(TimeValue.seconds(2))
                .measurementIterations(3).measurementTime(TimeValue.seconds(2))
                .forks(1).build()).run();
        Transcript t = new Transcript();
        t.build();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            double score = r.getPrimaryResult().getScore();
            if (name.endsWith("parseSse")) {
                System.out.printf("SSE parsing: %.1f MB/s (%.2f transcripts of %.1f MB per second)%n",
                        score * t.bytes.length / 1e6, score, t.bytes.length / 1e6);
            } else {
                System.out.printf("client.complete against the twin: %.0f us per request%n", score);
            }
        }
    }
}
