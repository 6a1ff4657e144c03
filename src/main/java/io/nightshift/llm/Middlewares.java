package io.nightshift.llm;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** The built-in middleware (unified-llm-spec 2.3, 6.6). */
public final class Middlewares {

    private Middlewares() {
    }

    /**
     * Retries failed calls under {@code policy}. A stream is retried only while opening it: once
     * {@link Client#stream} has returned, failures are error events and are never retried (spec 6.6).
     */
    public static Middleware retry(RetryPolicy policy) {
        return new Middleware() {
            @Override
            public Response complete(Request request, Next next) {
                return Retry.call(policy, request.cancellation(), () -> next.complete(request));
            }

            @Override
            public EventStream stream(Request request, Next next) {
                return Retry.call(policy, request.cancellation(), () -> next.stream(request));
            }
        };
    }

    /**
     * Reports each call to {@code log} as one line when it starts and one when it ends, with token counts and
     * latency. {@code log} must be fast and must not throw.
     */
    public static Middleware logging(Consumer<String> log) {
        return new Middleware() {
            @Override
            public Response complete(Request request, Next next) {
                long start = System.nanoTime();
                log.accept("llm request " + request.provider() + "/" + request.model());
                try {
                    Response response = next.complete(request);
                    log.accept(done(request, response.usage(), start));
                    return response;
                } catch (LlmException e) {
                    log.accept("llm error " + request.provider() + "/" + request.model() + ": " + e.getMessage());
                    throw e;
                }
            }

            @Override
            public EventStream stream(Request request, Next next) {
                long start = System.nanoTime();
                log.accept("llm stream " + request.provider() + "/" + request.model());
                return next.stream(request).peek(event -> {
                    if (event instanceof StreamEvent.Finish f) {
                        log.accept(done(request, f.usage(), start));
                    } else if (event instanceof StreamEvent.Error e) {
                        log.accept("llm error " + request.provider() + "/" + request.model() + ": " + e.error().getMessage());
                    }
                });
            }
        };
    }

    private static String done(Request request, Usage usage, long start) {
        return "llm response " + request.provider() + "/" + request.model() + " tokens=" + usage.totalTokens()
                + " (in " + usage.inputTokens() + ", out " + usage.outputTokens() + ") latency="
                + (System.nanoTime() - start) / 1_000_000 + "ms";
    }

    /** Rewrites every request before it goes on (both calls and streams). */
    public static Middleware mapRequest(UnaryOperator<Request> mapper) {
        return new Middleware() {
            @Override
            public Response complete(Request request, Next next) {
                return next.complete(mapper.apply(request));
            }

            @Override
            public EventStream stream(Request request, Next next) {
                return next.stream(mapper.apply(request));
            }
        };
    }

    /** Fills {@code maxTokens} and {@code temperature} when a request leaves them unset (null arguments are skipped). */
    public static Middleware defaults(Integer maxTokens, Double temperature) {
        return mapRequest(r -> r.toBuilder()
                .maxTokens(r.maxTokens() != null ? r.maxTokens() : maxTokens)
                .temperature(r.temperature() != null ? r.temperature() : temperature)
                .build());
    }
}
