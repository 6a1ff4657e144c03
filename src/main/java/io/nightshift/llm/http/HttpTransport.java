package io.nightshift.llm.http;

import io.nightshift.llm.CancellationToken;
import io.nightshift.llm.LlmException;
import io.nightshift.llm.NetworkException;
import io.nightshift.llm.RequestTimeoutException;
import io.nightshift.llm.Timeouts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs JSON to a provider with the JDK HTTP client and hands back the body as a {@link BodySource}. Owns
 * the connect timeout, the wait for response headers (the request timeout), cancellation and the mapping of
 * HTTP error statuses to the llm error hierarchy. Safe for concurrent use.
 */
public final class HttpTransport {

    private static final int ERROR_BODY_CAP = 64 * 1024;

    private final String provider;
    private final HttpClient client;
    private final Timeouts timeouts;
    private final long maxResponseBytes;

    public HttpTransport(String provider, Timeouts timeouts, long maxResponseBytes) {
        this.provider = provider;
        this.timeouts = timeouts;
        this.maxResponseBytes = maxResponseBytes;
        this.client = HttpClient.newBuilder().connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    /**
     * Sends the request. Returns once headers arrived with a status below 400; throws the mapped
     * {@link LlmException} otherwise. The returned body is aborted when {@code token} is cancelled.
     */
    public HttpBody post(URI uri, Map<String, String> headers, String json, CancellationToken token) {
        token.throwIfCancelled();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeouts.request())
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .header("content-type", "application/json");
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        headers.forEach(builder::header);
        CompletableFuture<HttpResponse<Flow.Publisher<java.util.List<java.nio.ByteBuffer>>>> future =
                client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofPublisher());
        Runnable unregister = token.onCancel(() -> future.cancel(true));
        HttpResponse<Flow.Publisher<java.util.List<java.nio.ByteBuffer>>> response;
        try {
            response = future.get(timeouts.request().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (CancellationException e) {
            throw token.isCancelled() ? token.reason() : new NetworkException("the request to " + provider + " was cancelled", e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw requestTimeout(uri);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new io.nightshift.llm.AbortException("interrupted while waiting for " + provider, e);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), uri, token);
        } finally {
            unregister.run();
        }
        BodySource source = new BodySource(provider, maxResponseBytes, token);
        response.body().subscribe(source);
        source.onRelease(token.onCancel(source::abort));
        if (response.statusCode() >= 400) {
            String text;
            try {
                text = readErrorBody(source);
            } catch (LlmException e) {
                text = "";
            }
            source.abort();
            throw HttpErrors.fromResponse(provider, response.statusCode(), response.headers(), text);
        }
        return new HttpBody(response.statusCode(), response.headers(), source);
    }

    private String readErrorBody(BodySource source) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] chunk = source.next(timeouts.streamRead()); chunk != null && out.size() < ERROR_BODY_CAP;
                chunk = source.next(timeouts.streamRead())) {
            out.writeBytes(chunk);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private LlmException requestTimeout(URI uri) {
        return new RequestTimeoutException(provider + " did not answer " + uri + " within "
                + seconds(timeouts.request()) + " (request timeout)");
    }

    private LlmException translate(Throwable cause, URI uri, CancellationToken token) {
        if (token.isCancelled()) {
            return token.reason();
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new RequestTimeoutException("could not connect to " + provider + " at " + uri + " within "
                    + seconds(timeouts.connect()) + " (connect timeout)", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return requestTimeout(uri);
        }
        if (cause instanceof ConnectException) {
            return new NetworkException("could not connect to " + provider + " at " + uri + ": connection refused"
                    + " (check the base URL)", cause);
        }
        if (cause instanceof IOException) {
            return new NetworkException("request to " + provider + " at " + uri + " failed: " + cause.getMessage(), cause);
        }
        if (cause instanceof IllegalArgumentException) {
            return new io.nightshift.llm.ConfigurationException("cannot send to " + uri + ": " + cause.getMessage(), cause);
        }
        return new NetworkException("request to " + provider + " failed: " + cause, cause);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
