package io.nightshift.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.PipelineException;
import io.nightshift.pipeline.graph.Attributes;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.state.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attractor-spec 3.5, 3.6 and DoD 11.5. */
class RetryAndBackoffTest {

    @TempDir
    Path tmp;

    /** A random source that always answers the same fraction. */
    record FixedRandom(double value) implements RandomGenerator {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextDouble() {
            return value;
        }
    }

    private static String pipeline(String flakyAttrs) {
        return """
                digraph retry {
                    start [shape=Mdiamond]
                    flaky [prompt="Try", %s]
                    done  [shape=Msquare]
                    start -> flaky -> done
                }
                """.formatted(flakyAttrs);
    }

    private RunResult run(String dot, ScriptedBackend backend, RecordingSleeper sleeper, double random) {
        return new PipelineEngine(RunConfig.builder(tmp.resolve("run")).backend(backend).sleeper(sleeper)
                .random(new FixedRandom(random)).build()).run(TestPipelines.prepare(dot));
    }

    @Test
    void retryDelaysGrowExponentiallyWithTheLowestJitter() {
        RecordingSleeper sleeper = new RecordingSleeper();
        ScriptedBackend backend = new ScriptedBackend().outcomes("flaky", Outcome.retry("a"), Outcome.retry("b"),
                Outcome.retry("c"), Outcome.success());
        RunResult r = run(pipeline("max_retries=3, retry_policy=aggressive"), backend, sleeper, 0.0);

        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(sleeper.millis()).containsExactly(250L, 500L, 1000L);
    }

    @Test
    void jitterStaysBelowOneAndAHalfTimesTheDelay() {
        RecordingSleeper sleeper = new RecordingSleeper();
        ScriptedBackend backend = new ScriptedBackend().outcomes("flaky", Outcome.retry("a"), Outcome.retry("b"),
                Outcome.success());
        run(pipeline("max_retries=2"), backend, sleeper, 0.9999);

        assertThat(sleeper.millis()).containsExactly(300L, 600L);
    }

    @Test
    void linearPresetWithoutJitterWaitsTheSameEachTimeAndAllowsThreeAttempts() {
        RecordingSleeper sleeper = new RecordingSleeper();
        ScriptedBackend backend = new ScriptedBackend().outcomes("flaky", Outcome.fail("1"), Outcome.fail("2"),
                Outcome.fail("3"), Outcome.success());
        RunResult r = run(pipeline("retry_policy=linear, retry_jitter=false"), backend, sleeper, 0.3);

        assertThat(sleeper.millis()).containsExactly(500L, 500L);
        assertThat(backend.calledNodes()).containsExactly("flaky", "flaky", "flaky");
        assertThat(r.status()).isEqualTo(RunStatus.FAIL);
        assertThat(r.failureReason()).isEqualTo("3");
    }

    @Test
    void delaysAreCappedAtTheMaximum() {
        Backoff backoff = new Backoff(1000, 10.0, 5000, false);
        assertThat(List.of(1, 2, 3, 4).stream().map(a -> backoff.delayFor(a, new FixedRandom(0.5)).toMillis()))
                .containsExactly(1000L, 5000L, 5000L, 5000L);
    }

    @Test
    void presetNoneRunsOnceAndPatientWaitsLonger() {
        Graph g = new Graph("g", "", Attributes.EMPTY, List.of(), List.of());
        Node none = Node.of("n", Attributes.EMPTY.with("retry_policy", "none"));
        Node patient = Node.of("p", Attributes.EMPTY.with("retry_policy", "patient"));
        assertThat(RetryPolicy.forNode(none, g).maxAttempts()).isEqualTo(1);
        assertThat(RetryPolicy.forNode(patient, g)).isEqualTo(new RetryPolicy(3, new Backoff(2000, 3.0, 60_000, true)));
        assertThat(RetryPolicy.forNode(patient, g).backoff().delayFor(3, new FixedRandom(0.5)))
                .isEqualTo(Duration.ofMillis(18_000));
    }

    @Test
    void graphDefaultMaxRetriesAndItsLegacyAliasApplyToNodesWithoutMaxRetries() {
        Node plain = Node.of("n", Attributes.EMPTY);
        Graph modern = new Graph("g", "", Attributes.EMPTY.with("default_max_retries", "2"), List.of(), List.of());
        Graph legacy = new Graph("g", "", Attributes.EMPTY.with("default_max_retry", "1"), List.of(), List.of());
        assertThat(RetryPolicy.forNode(plain, modern).maxAttempts()).isEqualTo(3);
        assertThat(RetryPolicy.forNode(plain, legacy).maxAttempts()).isEqualTo(2);
        assertThat(RetryPolicy.forNode(plain.withAttr("max_retries", "0"), modern).maxAttempts()).isEqualTo(1);
    }

    @Test
    void retryableExceptionsAreRetriedOthersFailAtOnce() {
        ScriptedBackend transient_ = new ScriptedBackend().on("flaky",
                call -> { throw new PipelineException("rate limited", true, null); },
                call -> io.nightshift.pipeline.handler.CodergenResult.text("ok"));
        assertThat(run(pipeline("max_retries=3"), transient_, new RecordingSleeper(), 0.5).status())
                .isEqualTo(RunStatus.SUCCESS);

        ScriptedBackend fatal = new ScriptedBackend().on("flaky",
                call -> { throw new IllegalStateException("bad prompt"); });
        RunResult r = run(pipeline("max_retries=3"), fatal, new RecordingSleeper(), 0.5);
        assertThat(r.status()).isEqualTo(RunStatus.FAIL);
        assertThat(r.failureReason()).isEqualTo("bad prompt");
        assertThat(fatal.calledNodes()).containsExactly("flaky");
    }

    @Test
    void allowPartialAcceptsExhaustedRetriesAsPartialSuccess() {
        ScriptedBackend backend = new ScriptedBackend().outcomes("flaky", Outcome.retry("x"), Outcome.retry("y"));
        RunResult r = run(pipeline("max_retries=1, allow_partial=true"), backend, new RecordingSleeper(), 0.5);

        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(r.nodeOutcomes()).containsEntry("flaky", "partial_success");
    }

    @Test
    void exhaustedRetryWithoutAllowPartialFailsWithMaxRetriesExceeded() {
        ScriptedBackend backend = new ScriptedBackend().outcomes("flaky", Outcome.retry("x"), Outcome.retry("y"));
        RunResult r = run(pipeline("max_retries=1"), backend, new RecordingSleeper(), 0.5);

        assertThat(r.status()).isEqualTo(RunStatus.FAIL);
        assertThat(r.failureReason()).isEqualTo("max retries exceeded (2 attempts): y");
        assertThat(r.context()).containsEntry("internal.retry_count.flaky", 1);
    }

    @Test
    void unknownRetryPolicyFailsTheRunWithTheKnownPresets() {
        RunResult r = run(pipeline("retry_policy=stubborn"), new ScriptedBackend(), new RecordingSleeper(), 0.5);
        assertThat(r.status()).isEqualTo(RunStatus.FAIL);
        assertThat(r.failureReason()).contains("retry_policy='stubborn'", "none, standard, aggressive, linear, patient");
    }
}
