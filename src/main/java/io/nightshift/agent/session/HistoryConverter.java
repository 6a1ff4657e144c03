package io.nightshift.agent.session;

import io.nightshift.llm.ContentPart;
import io.nightshift.llm.Message;
import io.nightshift.llm.Role;
import io.nightshift.llm.ToolCall;
import io.nightshift.llm.ToolResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns history into LLM messages: user, steering and system turns become user messages (steering is an
 * additional user instruction, coding-agent spec 2.6; providers accept system text only up front), assistant
 * turns go back exactly as received, tool results become one tool message per call.
 */
final class HistoryConverter {

    private HistoryConverter() {
    }

    static List<Message> toMessages(List<Turn> history) {
        List<Message> messages = new ArrayList<>(history.size() + 2);
        for (Turn turn : history) {
            switch (turn) {
                case Turn.UserTurn user -> messages.add(Message.user(user.content()));
                case Turn.SteeringTurn steering -> messages.add(Message.user(steering.content()));
                case Turn.SystemTurn system -> messages.add(Message.user(system.content()));
                case Turn.AssistantTurn assistant -> messages.add(assistant.message() != null ? assistant.message()
                        : rebuild(assistant));
                case Turn.ToolResultsTurn results -> {
                    for (ToolResult result : results.results()) {
                        messages.add(Message.toolResult(result.toolCallId(), result.content(), result.isError()));
                    }
                }
            }
        }
        return messages;
    }

    private static Message rebuild(Turn.AssistantTurn turn) {
        List<ContentPart> parts = new ArrayList<>();
        if (!turn.content().isEmpty()) {
            parts.add(new ContentPart.Text(turn.content()));
        }
        for (ToolCall call : turn.toolCalls()) {
            parts.add(new ContentPart.ToolCallPart(call));
        }
        return new Message(Role.ASSISTANT, parts);
    }
}
