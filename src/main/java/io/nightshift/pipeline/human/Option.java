package io.nightshift.pipeline.human;

/** A choice of a multiple-choice question: its accelerator key and display label. */
public record Option(String key, String label) {
}
