package io.nightshift.runtime.service;

/** The run has no pending question with this id (never asked, or already answered). */
public final class QuestionNotFoundException extends ServiceException {

    private final String questionId;

    public QuestionNotFoundException(String runId, String questionId) {
        super("run '" + runId + "' has no pending question '" + questionId
                + "'; GET /pipelines/" + runId + "/questions lists the pending ones", false);
        this.questionId = questionId;
    }

    public String questionId() {
        return questionId;
    }
}
