package io.nightshift.runtime.wiring;

import java.util.Locale;
import java.util.Optional;

/**
 * Who is calling the service (issue 16): the owner of the caller's token and what the token may do. A run belongs to
 * the owner that submitted it; a token reads and cancels only its owner's runs unless it is an admin's.
 *
 * @param owner the token's owner; empty on an open loopback service (no tokens configured)
 */
public record Caller(String owner, Role role) {

    /** What a token may do: {@code read} its owner's runs; {@code submit} also runs and act on its owner's runs
     *  (cancel, resume, answer); {@code admin} everything, on every run. */
    public enum Role {
        READ,
        SUBMIT,
        ADMIN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Role> of(String name) {
            for (Role r : values()) {
                if (r.wireName().equals(name)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Where the access filter leaves the authenticated caller of an HTTP request (Vert.x routing context data), for
     * the resources and the MCP endpoint to read instead of parsing the bearer token again.
     */
    public static final String CONTEXT_KEY = "nightshift.caller";

    /** The caller of an open loopback service, as today: anything goes. */
    public static final Caller OPEN = new Caller("", Role.ADMIN);

    public Caller {
        owner = owner == null ? "" : owner;
    }

    /** Whether the caller may see (and, with {@link #maySubmit}, act on) a run submitted by {@code runOwner}. */
    public boolean mayAccess(String runOwner) {
        return role == Role.ADMIN || owner.equals(runOwner == null ? "" : runOwner);
    }

    /** Whether the caller may submit runs and change runs it may access (cancel, resume, answer questions). */
    public boolean maySubmit() {
        return role != Role.READ;
    }
}
