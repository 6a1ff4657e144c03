package io.nightshift.server;

/** Body of {@code POST .../questions/{qid}/answer}: {@code {"value": "<option key>"}} or {@code {"text": "..."}}. */
public record AnswerRequest(String value, String text) {
}
