package io.nightshift.pipeline.engine;

import io.nightshift.pipeline.PipelineException;
import io.nightshift.pipeline.graph.Attributes;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.sandbox.SandboxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * How often and how patiently a stage is retried (attractor-spec 3.5, 3.6). Attempts: node {@code max_retries}
 * + 1, else the preset named by node attribute {@code retry_policy} ({@code none}, {@code standard},
 * {@code aggressive}, {@code linear}, {@code patient}), else graph {@code default_max_retries} (alias
 * {@code default_max_retry}) + 1. Delays: the preset's, else {@link Backoff#STANDARD}, each overridable by node
 * attributes {@code retry_initial_delay_ms}, {@code retry_backoff_factor}, {@code retry_max_delay_ms},
 * {@code retry_jitter}.
 */
public record RetryPolicy(int maxAttempts, Backoff backoff) {

    public static final Map<String, RetryPolicy> PRESETS = Map.of(
            "none", new RetryPolicy(1, Backoff.STANDARD),
            "standard", new RetryPolicy(5, new Backoff(200, 2.0, 60_000, true)),
            "aggressive", new RetryPolicy(5, new Backoff(500, 2.0, 60_000, true)),
            "linear", new RetryPolicy(3, new Backoff(500, 1.0, 60_000, true)),
            "patient", new RetryPolicy(3, new Backoff(2000, 3.0, 60_000, true)));

    public static RetryPolicy forNode(Node node, Graph graph) {
        String presetName = node.attrs().string("retry_policy", "").strip().toLowerCase(Locale.ROOT);
        if (!presetName.isEmpty() && !PRESETS.containsKey(presetName)) {
            throw new PipelineException("node '" + node.id() + "' has retry_policy='" + presetName
                    + "'; known presets: none, standard, aggressive, linear, patient");
        }
        RetryPolicy preset = PRESETS.get(presetName);
        int attempts = node.maxRetries().isPresent() ? node.maxRetries().getAsInt() + 1
                : preset != null ? preset.maxAttempts() : graph.defaultMaxRetries() + 1;
        Backoff base = preset != null ? preset.backoff() : Backoff.STANDARD;
        Attributes a = node.attrs();
        Backoff backoff = new Backoff(
                a.integer("retry_initial_delay_ms").orElse((int) base.initialDelayMs()),
                a.decimal("retry_backoff_factor").orElse(base.factor()),
                a.integer("retry_max_delay_ms").orElse((int) base.maxDelayMs()),
                a.bool("retry_jitter", base.jitter()));
        return new RetryPolicy(Math.max(1, attempts), backoff);
    }

    /** The default should_retry predicate: flagged exceptions decide, I/O errors retry, anything else does not. */
    public static boolean isRetryable(Throwable error) {
        return switch (error) {
            case PipelineException p -> p.retryable();
            case SandboxException s -> s.retryable();
            case IOException io -> true;
            case UncheckedIOException io -> true;
            default -> false;
        };
    }
}
