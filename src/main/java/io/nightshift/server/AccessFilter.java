package io.nightshift.server;

import io.nightshift.runtime.service.RunRegistry;
import io.nightshift.runtime.wiring.AccessPolicy;
import io.nightshift.runtime.wiring.Caller;
import io.nightshift.runtime.wiring.ServerConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bearer-token check in front of every route (REST, SSE, the web page, metrics, OpenAPI) except {@code /q/health}
 * and {@code /hooks/github} (signed by GitHub instead).
 * Browsers' EventSource cannot set headers, so {@code ?access_token=} is accepted as well. Scoped tokens (issue
 * 16): a {@code read} token may only read; a run under {@code /pipelines/{id}} or {@code /jobs/{id}} is answered
 * only to its owner's tokens and admins (to anyone else it does not exist). The caller is left in the routing
 * context for the resources ({@link #caller}) and the MCP endpoint, whose tools apply the same scoping per call.
 */
@ApplicationScoped
public class AccessFilter {

    static final String CALLER = Caller.CONTEXT_KEY;
    private static final String HOOKS = "/hooks/github";
    private static final Pattern RUN_PATH = Pattern.compile("^/(?:pipelines|jobs)/([^/]+)(?:/.*)?$");

    @Inject
    ServerConfig config;

    @Inject
    Instance<RunRegistry> registry;

    @ConfigProperty(name = "quarkus.http.host", defaultValue = "127.0.0.1")
    String host;

    /** The caller of the current request (the open caller when the filter did not run, as in unit tests). */
    static Caller caller(RoutingContext rc) {
        Caller c = rc == null ? null : rc.get(CALLER);
        return c == null ? Caller.OPEN : c;
    }

    void register(@Observes Filters filters) {
        AccessPolicy policy = new AccessPolicy(config.tokens(), host);
        filters.register(rc -> {
            String path = rc.normalizedPath();
            // webhook deliveries prove themselves by their signature (GitHub sends no bearer token)
            if (path.equals("/q/health") || path.startsWith("/q/health/") || path.equals(HOOKS)) {
                rc.next();
                return;
            }
            if (policy.refuses()) {
                refuse(rc, 503, "this server listens on " + host + " without bearer tokens and refuses to serve; set"
                        + " nightshift.server.tokens or NIGHTSHIFT_TOKENS");
                return;
            }
            String header = rc.request().getHeader("Authorization");
            String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip()
                    : rc.request().getParam("access_token");
            Optional<Caller> caller = policy.authenticate(token);
            if (caller.isEmpty()) {
                rc.response().putHeader("WWW-Authenticate", "Bearer");
                refuse(rc, 401, "missing or wrong bearer token: send 'Authorization: Bearer <token>'");
                return;
            }
            Caller c = caller.get();
            String method = rc.request().method().name();
            boolean reads = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
            // MCP is all POSTs: its tools check the role per call (a read token may list and read)
            if (!reads && !c.maySubmit() && !path.equals("/mcp")) {
                refuse(rc, 403, "this token may only read (role read); " + method + " " + path
                        + " needs a token with role submit or admin");
                return;
            }
            Matcher run = RUN_PATH.matcher(path);
            if (run.matches() && registry.isResolvable()) {
                String id = run.group(1);
                if (registry.get().find(id).isPresent() && !c.mayAccess(registry.get().ownerOf(id))) {
                    refuse(rc, 404, "no run '" + id + "' for this token; a token sees only its owner's runs"
                            + " (an admin token sees all)");
                    return;
                }
            }
            rc.put(CALLER, c);
            rc.next();
        }, 100);
    }

    private static void refuse(RoutingContext rc, int status, String message) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(io.vertx.core.json.Json.encode(java.util.Map.of("error", message)));
    }
}
