package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One piece of a message body (unified-llm-spec 3.3 to 3.5). The variant is the kind; which roles may carry
 * which kind is the spec's direction table, enforced by the adapters when they translate.
 */
public sealed interface ContentPart {

    /** Plain text. */
    record Text(String text) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * An image given by exactly one of a URL, raw bytes, or a local file path (a url starting with {@code /},
     * {@code ./} or {@code ~}); adapters read local files and send them inline. {@code detail} is OpenAI's
     * fidelity hint and is ignored elsewhere.
     */
    record Image(String url, byte[] data, String mediaType, String detail) implements ContentPart {
        public Image {
            if ((url == null) == (data == null)) {
                throw new IllegalArgumentException("an image needs exactly one of url or data");
            }
        }

        public static Image url(String url) {
            return new Image(url, null, null, null);
        }

        public static Image bytes(byte[] data, String mediaType) {
            return new Image(null, data, mediaType == null ? "image/png" : mediaType, null);
        }

        public static Image file(Path path) {
            return new Image(path.toAbsolutePath().toString(), null, null, null);
        }
    }

    /** Audio input by URL or bytes. */
    record Audio(String url, byte[] data, String mediaType) implements ContentPart {
    }

    /** A document (PDF and the like) by URL, bytes or local path. */
    record Document(String url, byte[] data, String mediaType, String fileName) implements ContentPart {
    }

    /** A tool invocation the model asked for (assistant messages only). */
    record ToolCallPart(ToolCall call) implements ContentPart {
    }

    /**
     * The outcome of a tool call (tool messages only). {@code content} is a JSON string for text output or
     * any JSON value for structured output.
     */
    record ToolResultPart(String toolCallId, JsonNode content, boolean isError, byte[] imageData,
                          String imageMediaType) implements ContentPart {
        public ToolResultPart {
            Objects.requireNonNull(toolCallId, "toolCallId");
            content = content == null ? TextNode.valueOf("") : content;
        }

        /** The content as text: the string itself, or the JSON rendering of structured content. */
        public String contentText() {
            return content.isTextual() ? content.asText() : content.toString();
        }
    }

    /** Model reasoning; {@code signature} must go back to the same provider verbatim (Anthropic). */
    record Thinking(String text, String signature) implements ContentPart {
    }

    /** Opaque redacted reasoning (Anthropic), round-tripped byte for byte. */
    record RedactedThinking(String data) implements ContentPart {
    }
}
