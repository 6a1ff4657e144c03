package io.nightshift.runtime.wiring;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may call the service. Bound to loopback it is open (only this machine can reach it); bound to any other
 * address it needs at least one bearer token, and then every request except health must carry one.
 *
 * <p>Each configured token is either {@code OWNER:ROLE:TOKEN} (issue 16: role {@code read}, {@code submit} or
 * {@code admin}; see {@link Caller}) or a plain {@code TOKEN}, which keeps today's meaning: it may do everything
 * (an admin named {@code admin}). An entry is scoped only when its second field is one of the three roles, so a
 * plain token containing colons stays plain unless it looks exactly like a scoped one.
 */
public final class AccessPolicy {

    private record Grant(byte[] secret, Caller caller) {
    }

    private final List<Grant> tokens;
    private final boolean loopback;

    public AccessPolicy(Optional<List<String>> configured, String host) {
        List<Grant> t = new ArrayList<>();
        configured.orElse(List.of()).stream().map(String::strip).filter(s -> !s.isEmpty())
                .forEach(s -> t.add(grant(s)));
        this.tokens = List.copyOf(t);
        this.loopback = isLoopback(host);
    }

    private static Grant grant(String entry) {
        String[] parts = entry.split(":", 3);
        if (parts.length == 3 && !parts[0].isBlank() && !parts[2].isBlank()) {
            Optional<Caller.Role> role = Caller.Role.of(parts[1].strip().toLowerCase(java.util.Locale.ROOT));
            if (role.isPresent()) {
                return new Grant(parts[2].strip().getBytes(StandardCharsets.UTF_8),
                        new Caller(parts[0].strip(), role.get()));
            }
        }
        return new Grant(entry.getBytes(StandardCharsets.UTF_8), new Caller("admin", Caller.Role.ADMIN));
    }

    /** True when the address is this machine only ({@code 127.0.0.1}, {@code ::1}, {@code localhost}). */
    public static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public boolean tokensConfigured() {
        return !tokens.isEmpty();
    }

    /** The server must not serve: it is reachable from other machines and nothing guards it. */
    public boolean refuses() {
        return !loopback && tokens.isEmpty();
    }

    /** Whether a request with this {@code Authorization} header value (or query token) may pass. */
    public boolean allows(String bearer) {
        return authenticate(bearer).isPresent();
    }

    /**
     * The caller a bearer token (or its absence) stands for: {@link Caller#OPEN} on loopback with no tokens
     * configured; empty when the request must be refused. Every configured token is compared in constant time.
     */
    public Optional<Caller> authenticate(String bearer) {
        if (tokens.isEmpty()) {
            return loopback ? Optional.of(Caller.OPEN) : Optional.empty();
        }
        if (bearer == null) {
            return Optional.empty();
        }
        byte[] given = bearer.getBytes(StandardCharsets.UTF_8);
        Caller found = null;
        for (Grant t : tokens) {
            if (MessageDigest.isEqual(t.secret(), given) && found == null) {
                found = t.caller();
            }
        }
        return Optional.ofNullable(found);
    }
}
