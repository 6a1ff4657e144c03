package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streamed structured output (unified-llm-spec 4.6): iterates partial objects, each a best-effort parse of
 * the JSON received so far, emitted only when it changed. {@link #object()} returns the final validated value.
 */
final class ObjectStreamResult implements Iterator<JsonNode>, Iterable<JsonNode>, AutoCloseable {

    private final StreamResult stream;
    private final JsonNode schema;
    private final StringBuilder text = new StringBuilder();
    private JsonNode last;
    private JsonNode nextPartial;

    ObjectStreamResult(StreamResult stream, JsonNode schema) {
        this.stream = stream;
        this.schema = schema;
    }

    @Override
    public Iterator<JsonNode> iterator() {
        return this;
    }

    @Override
    public boolean hasNext() {
        while (nextPartial == null && stream.hasNext()) {
            if (stream.next() instanceof StreamEvent.TextDelta d) {
                text.append(d.delta());
                JsonNode parsed = PartialJson.parse(text.toString());
                if (parsed != null && !parsed.equals(last)) {
                    last = parsed;
                    nextPartial = parsed;
                }
            }
        }
        return nextPartial != null;
    }

    @Override
    public JsonNode next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        JsonNode p = nextPartial;
        nextPartial = null;
        return p;
    }

    /** Drains the stream and returns the complete object, validated; {@link NoObjectGeneratedException} otherwise. */
    public JsonNode object() {
        Response response = stream.response();
        return Llm.parseObject(response.text(), schema);
    }

    @Override
    public void close() {
        stream.close();
    }
}
