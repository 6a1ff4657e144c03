package io.nightshift.twin.cassette;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A recorded conversation with one HTTP service: its exchanges in the order they happened, plus the matching
 * settings replay uses ({@code ignore_body_fields}: JSON object keys left out when bodies are compared, at any depth;
 * {@code match_headers}: the only request headers compared). Read and written as JSON by hand (no reflection), so
 * the format is exactly what {@code docs/twins.md} shows.
 */
public record Cassette(List<Exchange> exchanges, List<String> ignoreBodyFields, List<String> matchHeaders) {

    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Cassette {
        exchanges = List.copyOf(exchanges);
        ignoreBodyFields = List.copyOf(ignoreBodyFields);
        matchHeaders = matchHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    /** One request as the upstream saw it: {@code query} is the raw query string without {@code ?} ("" when none). */
    public record Request(String method, String path, String query, Map<String, String> headers, byte[] body) {
        public Request {
            method = method.toUpperCase(Locale.ROOT);
            query = query == null ? "" : query;
            headers = Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }

        /** {@code POST /v1/charges?x=1}: how messages name the request. */
        public String line() {
            return method + " " + path + (query.isEmpty() ? "" : "?" + query);
        }
    }

    public record Response(int status, Map<String, String> headers, byte[] body) {
        public Response {
            headers = Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }
    }

    public record Exchange(Request request, Response response) {
    }

    /** @param where the file name, for messages */
    public static Cassette parse(String text, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CassetteException(where + ": not valid JSON (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("exchanges").isArray()) {
            throw new CassetteException(where + ": a cassette is a JSON object with an 'exchanges' array (record one "
                    + "with 'nightshift twin record --upstream URL --out FILE')");
        }
        List<Exchange> exchanges = new ArrayList<>();
        int i = 0;
        for (JsonNode e : root.get("exchanges")) {
            String at = where + ": exchanges[" + i++ + "]";
            JsonNode req = e.path("request");
            JsonNode res = e.path("response");
            if (!req.isObject() || !res.isObject()) {
                throw new CassetteException(at + " needs a 'request' and a 'response' object");
            }
            String method = text(req, "method", at + ".request");
            String path = text(req, "path", at + ".request");
            if (!path.startsWith("/")) {
                throw new CassetteException(at + ".request.path must start with '/', was '" + path + "'");
            }
            JsonNode status = res.path("status");
            if (!status.isInt() || status.asInt() < 100 || status.asInt() > 599) {
                throw new CassetteException(at + ".response.status must be an HTTP status from 100 to 599");
            }
            exchanges.add(new Exchange(
                    new Request(method, path, req.path("query").asText(""), headers(req, at + ".request"),
                            body(req, at + ".request")),
                    new Response(status.asInt(), headers(res, at + ".response"), body(res, at + ".response"))));
        }
        return new Cassette(exchanges, strings(root, "ignore_body_fields", where), strings(root, "match_headers", where));
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("cassette", FORMAT);
        ArrayNode ignore = root.putArray("ignore_body_fields");
        ignoreBodyFields.forEach(ignore::add);
        ArrayNode match = root.putArray("match_headers");
        matchHeaders.forEach(match::add);
        ArrayNode list = root.putArray("exchanges");
        for (Exchange e : exchanges) {
            ObjectNode x = list.addObject();
            ObjectNode req = x.putObject("request");
            req.put("method", e.request().method());
            req.put("path", e.request().path());
            if (!e.request().query().isEmpty()) {
                req.put("query", e.request().query());
            }
            putHeaders(req, e.request().headers());
            putBody(req, e.request().body());
            ObjectNode res = x.putObject("response");
            res.put("status", e.response().status());
            putHeaders(res, e.response().headers());
            putBody(res, e.response().body());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new CassetteException(at + "." + field + " is missing or not text");
        }
        return v.asText();
    }

    private static Map<String, String> headers(JsonNode node, String at) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode h = node.path("headers");
        if (h.isMissingNode() || h.isNull()) {
            return out;
        }
        if (!h.isObject()) {
            throw new CassetteException(at + ".headers must be an object of name: value");
        }
        h.fields().forEachRemaining(f -> out.put(f.getKey().toLowerCase(Locale.ROOT), f.getValue().asText()));
        return out;
    }

    private static byte[] body(JsonNode node, String at) {
        JsonNode b64 = node.path("body_base64");
        if (b64.isTextual()) {
            try {
                return Base64.getDecoder().decode(b64.asText());
            } catch (IllegalArgumentException e) {
                throw new CassetteException(at + ".body_base64 is not base64: " + e.getMessage());
            }
        }
        JsonNode body = node.path("body");
        if (body.isMissingNode() || body.isNull()) {
            return new byte[0];
        }
        // a JSON body may be written as JSON itself, which is easier to edit by hand than an escaped string
        return (body.isTextual() ? body.asText() : body.toString()).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> strings(JsonNode root, String field, String where) {
        JsonNode v = root.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new CassetteException(where + ": " + field + " must be a list of names");
        }
        List<String> out = new ArrayList<>();
        v.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void putHeaders(ObjectNode node, Map<String, String> headers) {
        if (!headers.isEmpty()) {
            ObjectNode h = node.putObject("headers");
            new java.util.TreeMap<>(headers).forEach(h::put);
        }
    }

    private static void putBody(ObjectNode node, byte[] body) {
        if (body.length == 0) {
            return;
        }
        try {
            node.put("body", StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            node.put("body_base64", Base64.getEncoder().encodeToString(body));
        }
    }
}
