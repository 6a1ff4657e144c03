package io.nightshift.agent.session;

import io.nightshift.llm.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Spots an agent going round in circles (coding-agent spec 2.10): the last {@code window} tool calls, by name
 * and arguments, form one repeating pattern of length 1, 2 or 3.
 */
final class LoopDetector {

    private LoopDetector() {
    }

    static boolean detect(List<Turn> history, int window) {
        List<String> recent = recentSignatures(history, window);
        if (recent.size() < window) {
            return false;
        }
        for (int patternLength = 1; patternLength <= 3; patternLength++) {
            if (window % patternLength != 0) {
                continue;
            }
            boolean repeats = true;
            for (int i = patternLength; i < window && repeats; i++) {
                repeats = recent.get(i).equals(recent.get(i % patternLength));
            }
            if (repeats) {
                return true;
            }
        }
        return false;
    }

    /** Signatures of the last {@code count} tool calls, oldest first. */
    static List<String> recentSignatures(List<Turn> history, int count) {
        List<String> reversed = new ArrayList<>(count);
        for (int t = history.size() - 1; t >= 0 && reversed.size() < count; t--) {
            if (history.get(t) instanceof Turn.AssistantTurn assistant) {
                List<ToolCall> calls = assistant.toolCalls();
                for (int c = calls.size() - 1; c >= 0 && reversed.size() < count; c--) {
                    reversed.add(signature(calls.get(c)));
                }
            }
        }
        return reversed.reversed();
    }

    static String signature(ToolCall call) {
        return call.name() + " " + call.arguments();
    }
}
