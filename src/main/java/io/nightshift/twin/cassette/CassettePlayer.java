package io.nightshift.twin.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Answers requests from a cassette. A request matches an exchange when method, path, query parameters (in any order),
 * the cassette's {@code match_headers} and the body agree; JSON bodies are compared as JSON with the
 * {@code ignore_body_fields} left out at any depth, other bodies byte for byte. Among several matches the first not
 * yet played is played (so a recorded sequence replays in order), and the last one again once all have been. What
 * matches nothing is a 501 naming the request. A fault set by {@link #failNext} answers the next request instead.
 * Every request is remembered for {@link #received()}. Thread-safe.
 */
public final class CassettePlayer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cassette cassette;
    private final int[] played;
    private final List<ReceivedRequest> received = new ArrayList<>();
    private Integer nextFault;

    public CassettePlayer(Cassette cassette) {
        this.cassette = cassette;
        this.played = new int[cassette.exchanges().size()];
    }

    /** A request the twin answered, and the status it answered with. */
    public record ReceivedRequest(String method, String path, String query, int status) {
    }

    public synchronized Cassette.Response answer(Cassette.Request request) {
        Cassette.Response response = choose(request);
        received.add(new ReceivedRequest(request.method(), request.path(), request.query(), response.status()));
        return response;
    }

    private Cassette.Response choose(Cassette.Request request) {
        if (nextFault != null) {
            int status = nextFault;
            nextFault = null;
            return json(status, "twin_fault", "the scenario made the twin fail this request with " + status);
        }
        int last = -1;
        for (int i = 0; i < played.length; i++) {
            if (matches(cassette.exchanges().get(i).request(), request)) {
                if (played[i] == 0) {
                    played[i]++;
                    return cassette.exchanges().get(i).response();
                }
                last = i;
            }
        }
        if (last >= 0) {
            played[last]++;
            return cassette.exchanges().get(last).response();
        }
        return json(501, "not_in_cassette", "the cassette has no exchange for " + request.line()
                + (request.body().length == 0 ? "" : " with body " + preview(request.body())));
    }

    /** Forgets what was received and played and any pending fault: the twin as it was when it started. */
    public synchronized void reset() {
        Arrays.fill(played, 0);
        received.clear();
        nextFault = null;
    }

    /** The next request, whatever it is, is answered with {@code status} and a JSON error body. */
    public synchronized void failNext(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("a fault status must be an HTTP status from 100 to 599, was " + status);
        }
        nextFault = status;
    }

    public synchronized List<ReceivedRequest> received() {
        return List.copyOf(received);
    }

    boolean matches(Cassette.Request recorded, Cassette.Request actual) {
        if (!recorded.method().equals(actual.method()) || !recorded.path().equals(actual.path())
                || !queryPairs(recorded.query()).equals(queryPairs(actual.query()))) {
            return false;
        }
        for (String h : cassette.matchHeaders()) {
            if (!Objects.equals(recorded.headers().get(h), actual.headers().get(h))) {
                return false;
            }
        }
        return sameBody(recorded.body(), actual.body());
    }

    private boolean sameBody(byte[] recorded, byte[] actual) {
        if (Arrays.equals(recorded, actual)) {
            return true;
        }
        JsonNode a = parse(recorded);
        JsonNode b = parse(actual);
        return a != null && b != null && strip(a).equals(strip(b));
    }

    private JsonNode strip(JsonNode node) {
        if (cassette.ignoreBodyFields().isEmpty()) {
            return node;
        }
        JsonNode copy = node.deepCopy();
        remove(copy);
        return copy;
    }

    private void remove(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(cassette.ignoreBodyFields());
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            remove(it.next());
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> queryPairs(String query) {
        if (query.isEmpty()) {
            return List.of();
        }
        List<String> pairs = new ArrayList<>(List.of(query.split("&")));
        pairs.sort(null);
        return pairs;
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static Cassette.Response json(int status, String error, String message) {
        ObjectNode body = JSON.createObjectNode().put("error", error).put("message", message);
        return new Cassette.Response(status, Map.of("content-type", "application/json"),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
