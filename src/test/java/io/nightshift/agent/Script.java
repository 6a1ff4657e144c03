package io.nightshift.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.llm.Json;

/** Builds twin scripts (JSON, which the twin's YAML reader accepts) one model reply at a time. */
public final class Script {

    private final ObjectNode root = Json.object();
    private final ArrayNode steps = root.putArray("steps");
    private final ArrayNode rules = root.putArray("rules");

    public static Script script() {
        return new Script();
    }

    /** A reply with one or more tool calls, each given as name then arguments object. */
    public Script tools(Object... nameThenArgs) {
        ObjectNode reply = steps.addObject().putObject("reply");
        ArrayNode calls = reply.putArray("tool_calls");
        for (int i = 0; i < nameThenArgs.length; i += 2) {
            ObjectNode call = calls.addObject();
            call.put("name", (String) nameThenArgs[i]);
            call.set("arguments", Json.toTree(nameThenArgs[i + 1]));
        }
        return this;
    }

    public Script text(String text) {
        steps.addObject().putObject("reply").put("text", text);
        return this;
    }

    /** A step with an explicit match and reply (JSON objects). */
    public Script step(ObjectNode match, ObjectNode reply) {
        ObjectNode step = steps.addObject();
        if (match != null) {
            step.set("match", match);
        }
        step.set("reply", reply);
        return this;
    }

    public Script rule(ObjectNode match, ObjectNode reply) {
        ObjectNode rule = rules.addObject();
        rule.set("match", match);
        rule.set("reply", reply);
        return this;
    }

    public static ObjectNode toolReply(Object... nameThenArgs) {
        ObjectNode reply = Json.object();
        ArrayNode calls = reply.putArray("tool_calls");
        for (int i = 0; i < nameThenArgs.length; i += 2) {
            ObjectNode call = calls.addObject();
            call.put("name", (String) nameThenArgs[i]);
            call.set("arguments", Json.toTree(nameThenArgs[i + 1]));
        }
        return reply;
    }

    public static ObjectNode textReply(String text) {
        return Json.object().put("text", text);
    }

    public static ObjectNode match(Object... keyThenValue) {
        ObjectNode match = Json.object();
        for (int i = 0; i < keyThenValue.length; i += 2) {
            match.set((String) keyThenValue[i], Json.toTree(keyThenValue[i + 1]));
        }
        return match;
    }

    public String build() {
        return root.toString();
    }

    @Override
    public String toString() {
        return build();
    }
}
