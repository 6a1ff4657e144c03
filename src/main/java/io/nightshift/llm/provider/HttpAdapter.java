package io.nightshift.llm.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.llm.CancellationToken;
import io.nightshift.llm.EventStream;
import io.nightshift.llm.ProviderAdapter;
import io.nightshift.llm.ProviderConfig;
import io.nightshift.llm.Request;
import io.nightshift.llm.RequestTimeoutException;
import io.nightshift.llm.Response;
import io.nightshift.llm.http.HttpBody;
import io.nightshift.llm.http.HttpTransport;
import io.nightshift.llm.http.Timers;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The shared shape of the HTTP adapters: translate the request, POST it, decode the SSE body. Subclasses
 * supply the endpoint, headers, body and stream translator; {@code complete()} drains the stream under the
 * request timeout.
 */
public abstract class HttpAdapter implements ProviderAdapter {

    protected final ProviderConfig config;
    private final String name;
    private final HttpTransport transport;

    protected HttpAdapter(String name, ProviderConfig config) {
        this.name = name;
        this.config = config;
        this.transport = new HttpTransport(name, config.timeouts(), config.maxResponseBytes());
    }

    @Override
    public String name() {
        return name;
    }

    /** The URL the request goes to. */
    protected abstract URI endpoint(Request request);

    /** Provider headers (authentication, versions, betas), without content-type. */
    public abstract Map<String, String> headers(Request request);

    /** The exact JSON body sent for {@code request}. */
    public abstract ObjectNode body(Request request);

    protected abstract StreamTranslator translator(Request request, HttpHeaders responseHeaders);

    @Override
    public EventStream stream(Request request) {
        ObjectNode body = body(request);
        HttpBody response = transport.post(endpoint(request), headers(request), body.toString(), request.cancellation());
        SseEventStream stream = new SseEventStream(response.body(), translator(request, response.headers()),
                config.timeouts().streamRead());
        stream.hasNext(); // fetch the first event now: failures before it are thrown from here
        return stream;
    }

    @Override
    public Response complete(Request request) {
        CancellationToken token = request.cancellation().child();
        ScheduledFuture<?> timer = Timers.SCHEDULER.schedule(() -> token.cancel(new RequestTimeoutException(
                name() + " did not finish within " + config.timeouts().request().toSeconds() + "s (request timeout)")),
                config.timeouts().request().toMillis(), TimeUnit.MILLISECONDS);
        try {
            return stream(request.toBuilder().cancellation(token).build()).drain();
        } finally {
            timer.cancel(false);
            token.release();
        }
    }
}
