package io.nightshift.agent.session;

import io.nightshift.llm.ToolCall;
import io.nightshift.llm.ToolResult;
import io.nightshift.llm.Usage;
import java.time.Instant;
import java.util.List;

/** One entry of a session's history (coding-agent spec 2.4). */
sealed interface Turn {

    Instant timestamp();

    /** The text this turn adds to the context, for the 5.5 size estimate. */
    long approximateChars();

    record UserTurn(String content, Instant timestamp) implements Turn {
        @Override
        public long approximateChars() {
            return content.length();
        }
    }

    /**
     * A model response. {@code message} is the provider's message as received, kept so that reasoning
     * signatures and tool-call signatures go back verbatim.
     */
    record AssistantTurn(String content, List<ToolCall> toolCalls, String reasoning, Usage usage, String responseId,
                         io.nightshift.llm.Message message, Instant timestamp) implements Turn {
        public AssistantTurn {
            toolCalls = List.copyOf(toolCalls);
        }

        @Override
        public long approximateChars() {
            long n = content.length() + (reasoning == null ? 0 : reasoning.length());
            for (ToolCall call : toolCalls) {
                n += call.name().length() + call.rawArguments().length();
            }
            return n;
        }
    }

    record ToolResultsTurn(List<ToolResult> results, Instant timestamp) implements Turn {
        public ToolResultsTurn {
            results = List.copyOf(results);
        }

        @Override
        public long approximateChars() {
            long n = 0;
            for (ToolResult result : results) {
                n += result.content().isTextual() ? result.content().asText().length() : result.content().toString().length();
            }
            return n;
        }
    }

    record SystemTurn(String content, Instant timestamp) implements Turn {
        @Override
        public long approximateChars() {
            return content.length();
        }
    }

    record SteeringTurn(String content, Instant timestamp) implements Turn {
        @Override
        public long approximateChars() {
            return content.length();
        }
    }
}
