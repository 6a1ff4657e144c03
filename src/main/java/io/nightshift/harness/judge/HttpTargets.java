package io.nightshift.harness.judge;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a request goes. Accepted targets: a full {@code http://} or {@code https://} URL; {@code host:port/path}
 * or {@code :port/path}; or a bare {@code /path}, sent to the port of the service started last.
 */
final class HttpTargets {

    private static final Pattern HOST_PORT = Pattern.compile("^([A-Za-z0-9.\\-]*|\\[[0-9a-fA-F:]+]):(\\d{1,5})(/.*)?$");

    private HttpTargets() {
    }

    /** The URL for {@code target}, or null when it is a bare path and no service was started. */
    static String url(String target, Integer lastPort) {
        String t = target.trim();
        if (t.startsWith("http://") || t.startsWith("https://")) {
            return t;
        }
        Matcher m = HOST_PORT.matcher(t);
        if (m.matches()) {
            String host = m.group(1).isEmpty() ? "127.0.0.1" : m.group(1);
            return "http://" + host + ":" + m.group(2) + (m.group(3) == null ? "/" : m.group(3));
        }
        if (lastPort == null) {
            return null;
        }
        return "http://127.0.0.1:" + lastPort + (t.startsWith("/") ? t : "/" + t);
    }
}
