package io.nightshift.pipeline.human;

/** attractor-spec 6.2. */
public enum QuestionType {
    YES_NO,
    MULTIPLE_CHOICE,
    FREEFORM,
    CONFIRMATION
}
