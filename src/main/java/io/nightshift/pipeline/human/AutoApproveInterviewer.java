package io.nightshift.pipeline.human;

/** Answers every question affirmatively without a human (attractor-spec 6.4): for CI and unattended runs. */
public final class AutoApproveInterviewer implements Interviewer {

    @Override
    public Answer ask(Question question) {
        return switch (question.type()) {
            case YES_NO, CONFIRMATION -> Answer.yes();
            case MULTIPLE_CHOICE -> question.options().isEmpty()
                    ? Answer.freeform("auto-approved")
                    : Answer.option(question.options().get(0));
            case FREEFORM -> Answer.freeform("auto-approved");
        };
    }
}
