package io.nightshift.agent.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.event.AgentEvent;
import io.nightshift.llm.Json;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * Serialises events as one flat JSON object: {@code type} (the spec's kind, upper case), {@code session_id},
 * {@code timestamp} (ISO-8601), then the event's own fields in snake case. Null fields are left out.
 */
public final class AgentEventJson {

    private AgentEventJson() {
    }

    public static ObjectNode toJson(AgentEvent event) {
        ObjectNode node = Json.object();
        node.put("type", event.kind().name());
        node.put("session_id", event.sessionId());
        node.put("timestamp", event.timestamp().toString());
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            String name = component.getName();
            if (name.equals("sessionId") || name.equals("timestamp")) {
                continue;
            }
            Object value = read(component, event);
            if (value != null) {
                node.set(snake(name), Json.toTree(value));
            }
        }
        return node;
    }

    /** One line of JSON (for events.jsonl). */
    public static String toLine(AgentEvent event) {
        return toJson(event).toString();
    }

    private static Object read(RecordComponent component, AgentEvent event) {
        try {
            return component.getAccessor().invoke(event);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read event field " + component.getName(), e);
        }
    }

    static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
