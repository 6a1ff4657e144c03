package io.nightshift.runtime.worker;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker address of {@code NIGHTSHIFT_BROKER_URL} ({@code amqp://user:pass@host:5672/vhost}) as the RabbitMQ
 * connector's settings ({@code rabbitmq-host}, {@code rabbitmq-port} ...), which the service and the worker set
 * before their application starts.
 */
public final class BrokerAddress {

    /** The environment variable that names the broker. */
    public static final String VARIABLE = "NIGHTSHIFT_BROKER_URL";

    private BrokerAddress() {
    }

    /**
     * @throws IllegalArgumentException when {@code url} is not an {@code amqp://} or {@code amqps://} URL with a host
     */
    public static Map<String, String> settings(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VARIABLE + " '" + url + "' is not a URL; use"
                    + " amqp://user:password@host:5672/vhost", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("amqp") && !scheme.equals("amqps") || uri.getHost() == null) {
            throw new IllegalArgumentException(VARIABLE + " '" + redacted(uri) + "' is not an amqp:// URL with a host;"
                    + " use amqp://user:password@host:5672/vhost");
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("rabbitmq-host", uri.getHost());
        out.put("rabbitmq-port", String.valueOf(uri.getPort() > 0 ? uri.getPort() : scheme.equals("amqps") ? 5671
                : 5672));
        out.put("rabbitmq-ssl", String.valueOf(scheme.equals("amqps")));
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            out.put("rabbitmq-username", decode(colon < 0 ? info : info.substring(0, colon)));
            if (colon >= 0) {
                out.put("rabbitmq-password", decode(info.substring(colon + 1)));
            }
        }
        String path = uri.getRawPath();
        if (path != null && path.length() > 1) {
            out.put("rabbitmq-virtual-host", decode(path.substring(1)));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String redacted(URI uri) {
        return uri.getRawUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo(), "***");
    }
}
