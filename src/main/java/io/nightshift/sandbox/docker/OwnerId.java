package io.nightshift.sandbox.docker;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Identifies the process that owns sandboxes: {@code pid@host}. */
public record OwnerId(long pid, String host) {

    private static final OwnerId CURRENT = new OwnerId(ProcessHandle.current().pid(), hostName());

    public static OwnerId current() {
        return CURRENT;
    }

    /** Parses {@code pid@host}; null when the text is not in that form. */
    public static OwnerId parse(String text) {
        if (text == null) {
            return null;
        }
        int at = text.indexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            return null;
        }
        try {
            return new OwnerId(Long.parseLong(text.substring(0, at)), text.substring(at + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True when the owner ran on this host and its process no longer exists; owners elsewhere are never dead. */
    public boolean isDeadOnThisHost() {
        return isDeadOn(CURRENT.host);
    }

    /** True when the owner ran on {@code thisHost}, taken for this host, and its process no longer exists. */
    boolean isDeadOn(String thisHost) {
        return host.equals(thisHost) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    @Override
    public String toString() {
        return pid + "@" + host;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }
}
