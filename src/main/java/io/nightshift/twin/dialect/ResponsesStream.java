package io.nightshift.twin.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Builds the Responses API event sequence for output items, numbering events with {@code sequence_number}. */
final class ResponsesStream {

    private final List<SseEvent> events = new ArrayList<>();

    void add(String type, ObjectNode data) {
        ObjectNode event = Json.object().put("type", type).put("sequence_number", events.size());
        event.setAll(data);
        events.add(new SseEvent(type, Json.write(event)));
    }

    List<SseEvent> events() {
        return events;
    }

    /** added, the item's own deltas, done: for one finished output item. */
    void item(int index, ObjectNode done, int chunkChars) {
        String id = done.get("id").asText();
        String type = done.get("type").asText();
        ObjectNode opening = done.deepCopy();
        switch (type) {
            case "message" -> {
                opening.put("status", "in_progress");
                opening.putArray("content");
            }
            case "function_call" -> {
                opening.put("status", "in_progress");
                opening.put("arguments", "");
            }
            default -> opening.putArray("summary");
        }
        add("response.output_item.added", Json.object().put("output_index", index).set("item", opening));
        switch (type) {
            case "message" -> messageParts(index, id, done, chunkChars);
            case "function_call" -> {
                String arguments = done.get("arguments").asText();
                for (String piece : Json.chunks(arguments, chunkChars)) {
                    add("response.function_call_arguments.delta", Json.object().put("item_id", id)
                            .put("output_index", index).put("delta", piece));
                }
                add("response.function_call_arguments.done", Json.object().put("item_id", id)
                        .put("output_index", index).put("arguments", arguments));
            }
            default -> summaryParts(index, id, done, chunkChars);
        }
        add("response.output_item.done", Json.object().put("output_index", index).set("item", done));
    }

    private void messageParts(int index, String id, ObjectNode done, int chunkChars) {
        int contentIndex = 0;
        for (JsonNode part : done.get("content")) {
            ObjectNode empty = part.deepCopy();
            empty.put("text", "");
            add("response.content_part.added", position(id, index).put("content_index", contentIndex).set("part", empty));
            String text = part.get("text").asText();
            for (String piece : Json.chunks(text, chunkChars)) {
                add("response.output_text.delta", position(id, index).put("content_index", contentIndex)
                        .put("delta", piece));
            }
            add("response.output_text.done", position(id, index).put("content_index", contentIndex).put("text", text));
            add("response.content_part.done", position(id, index).put("content_index", contentIndex)
                    .set("part", part));
            contentIndex++;
        }
    }

    private void summaryParts(int index, String id, ObjectNode done, int chunkChars) {
        int summaryIndex = 0;
        for (JsonNode part : done.get("summary")) {
            String text = part.get("text").asText();
            add("response.reasoning_summary_part.added", position(id, index).put("summary_index", summaryIndex)
                    .set("part", Json.object().put("type", "summary_text").put("text", "")));
            for (String piece : Json.chunks(text, chunkChars)) {
                add("response.reasoning_summary_text.delta", position(id, index).put("summary_index", summaryIndex)
                        .put("delta", piece));
            }
            add("response.reasoning_summary_text.done", position(id, index).put("summary_index", summaryIndex)
                    .put("text", text));
            add("response.reasoning_summary_part.done", position(id, index).put("summary_index", summaryIndex)
                    .set("part", part));
            summaryIndex++;
        }
    }

    private static ObjectNode position(String itemId, int outputIndex) {
        return Json.object().put("item_id", itemId).put("output_index", outputIndex);
    }
}
