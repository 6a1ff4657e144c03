package io.nightshift.server;

import io.nightshift.runtime.wiring.AccessPolicy;
import io.nightshift.runtime.wiring.ServerConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bearer-token check in front of every route (REST, SSE, the web page, metrics, OpenAPI) except {@code /q/health}.
 * Browsers' EventSource cannot set headers, so {@code ?access_token=} is accepted as well.
 */
@ApplicationScoped
public class AccessFilter {

    @Inject
    ServerConfig config;

    @ConfigProperty(name = "quarkus.http.host", defaultValue = "127.0.0.1")
    String host;

    void register(@Observes Filters filters) {
        AccessPolicy policy = new AccessPolicy(config.tokens(), host);
        filters.register(rc -> {
            String path = rc.normalizedPath();
            if (path.equals("/q/health") || path.startsWith("/q/health/")) {
                rc.next();
                return;
            }
            if (policy.refuses()) {
                rc.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                        .end("{\"error\":\"this server listens on " + host + " without bearer tokens and refuses to "
                                + "serve; set nightshift.server.tokens or NIGHTSHIFT_TOKENS\"}");
                return;
            }
            String header = rc.request().getHeader("Authorization");
            String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip()
                    : rc.request().getParam("access_token");
            if (!policy.tokensConfigured() || policy.allows(token)) {
                rc.next();
                return;
            }
            rc.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer")
                    .putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"missing or wrong bearer token: send 'Authorization: Bearer <token>'\"}");
        }, 100);
    }
}
