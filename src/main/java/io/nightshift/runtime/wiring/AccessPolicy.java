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
 */
public final class AccessPolicy {

    private final List<byte[]> tokens;
    private final boolean loopback;

    public AccessPolicy(Optional<List<String>> configured, String host) {
        List<byte[]> t = new ArrayList<>();
        configured.orElse(List.of()).stream().map(String::strip).filter(s -> !s.isEmpty())
                .forEach(s -> t.add(s.getBytes(StandardCharsets.UTF_8)));
        this.tokens = List.copyOf(t);
        this.loopback = isLoopback(host);
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
        if (tokens.isEmpty()) {
            return loopback;
        }
        if (bearer == null) {
            return false;
        }
        byte[] given = bearer.getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (byte[] t : tokens) {
            ok |= MessageDigest.isEqual(t, given);
        }
        return ok;
    }
}
