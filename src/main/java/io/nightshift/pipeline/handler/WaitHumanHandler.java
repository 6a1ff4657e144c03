package io.nightshift.pipeline.handler;

import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.human.Answer;
import io.nightshift.pipeline.human.Interviewer;
import io.nightshift.pipeline.human.Option;
import io.nightshift.pipeline.human.Question;
import io.nightshift.pipeline.human.QuestionType;
import io.nightshift.pipeline.state.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A human gate (attractor-spec 4.6, 6.5): the outgoing edges become the options; the chosen one is returned as
 * preferred label and suggested next id and recorded in {@code human.gate.selected} / {@code human.gate.label}.
 * The question (the node's label, else its prompt) and its options go to {@code prompt.md}, the answer to
 * {@code response.md}, as for every other stage that asks something.
 * Node attributes: {@code human.timeout} (a duration, passed to the interviewer) and {@code human.default_choice}
 * (target node id, key or label used when the answer is a timeout). A timeout without default is RETRY, a
 * skipped question FAIL.
 */
final class WaitHumanHandler implements Handler {

    private record Choice(String key, String label, String to) {
    }

    private final Interviewer interviewer;

    public WaitHumanHandler(Interviewer interviewer) {
        this.interviewer = interviewer;
    }

    @Override
    public Outcome execute(StageContext stage) {
        String nodeId = stage.node().id();
        List<Choice> choices = new ArrayList<>();
        for (Edge e : stage.graph().outgoing(nodeId)) {
            String label = e.label().isEmpty() ? e.to() : e.label();
            choices.add(new Choice(Accelerators.key(label), label, e.to()));
        }
        if (choices.isEmpty()) {
            return Outcome.fail("human gate '" + nodeId + "' has no outgoing edges to offer as choices");
        }
        if (interviewer == null) {
            return Outcome.fail("human gate '" + nodeId
                    + "' needs an interviewer and none is configured (run with --auto-approve or interactively)");
        }
        Double timeoutSeconds = stage.node().attrs().duration("human.timeout")
                .map(d -> d.toMillis() / 1000.0).orElse(null);
        String text = stage.node().attrs().string("label", "");
        if (text.isEmpty()) {
            text = stage.node().prompt().replace("$goal", stage.graph().goal());
        }
        Question question = new Question(UUID.randomUUID().toString(), text.isEmpty() ? "Select an option:" : text,
                QuestionType.MULTIPLE_CHOICE, choices.stream().map(c -> new Option(c.key(), c.label())).toList(),
                null, timeoutSeconds, nodeId, Map.of("node_id", nodeId));
        stage.events().emit((run, seq, at) -> new PipelineEvent.InterviewStarted(run, seq, at, nodeId,
                question.id(), question.text(), question.options().stream().map(Option::label).toList()));
        stage.writeFile("prompt.md", promptText(question));
        long started = System.nanoTime();
        Answer answer = interviewer.ask(question);
        long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Choice selected;
        if (answer == null || answer.isTimeout()) {
            stage.events().emit((run, seq, at) -> new PipelineEvent.InterviewTimeout(run, seq, at, nodeId,
                    question.id(), question.text(), ms));
            String fallback = stage.node().attrs().string("human.default_choice", "");
            selected = fallback.isEmpty() ? null : match(fallback, choices);
            if (selected == null) {
                return Outcome.retry(fallback.isEmpty() ? "human gate timeout, no default"
                        : "human gate timeout and human.default_choice '" + fallback + "' matches no choice");
            }
        } else {
            stage.events().emit((run, seq, at) -> new PipelineEvent.InterviewCompleted(run, seq, at, nodeId,
                    question.id(), question.text(), answer.value(), ms));
            if (answer.isSkipped()) {
                return Outcome.fail("human skipped interaction");
            }
            selected = answer.selectedOption() != null ? match(answer.selectedOption().key(), choices) : null;
            if (selected == null) {
                selected = match(answer.value(), choices);
            }
            if (selected == null) {
                selected = choices.get(0);
            }
        }
        String typed = answer == null || answer.value() == null ? "" : answer.value();
        stage.writeFile("response.md", "Selected: " + selected.label() + " (" + selected.key() + " -> "
                + selected.to() + ")\n" + (typed.isBlank() || typed.equals(selected.key()) ? ""
                        : "\nAnswer: " + typed + "\n"));
        return Outcome.success("human selected: " + selected.label())
                .withPreferredLabel(selected.label())
                .withSuggestedNextIds(List.of(selected.to()))
                .withContextUpdates(Map.of("human.gate.selected", selected.key(), "human.gate.label", selected.label()));
    }

    /** {@code prompt.md}: what the gate asked, with its options, as a codergen stage records its prompt. */
    private static String promptText(Question q) {
        StringBuilder out = new StringBuilder(q.text()).append("\n\n");
        for (Option o : q.options()) {
            out.append("- [").append(o.key()).append("] ").append(o.label()).append('\n');
        }
        return out.toString();
    }

    /** A choice by target id, exact label, accelerator key or normalised label, in that order. */
    private static Choice match(String value, List<Choice> choices) {
        if (value == null) {
            return null;
        }
        for (Choice c : choices) {
            if (c.to().equals(value) || c.label().equals(value)) {
                return c;
            }
        }
        for (Choice c : choices) {
            if (c.key().equalsIgnoreCase(value.strip())) {
                return c;
            }
        }
        String normalized = Accelerators.normalize(value);
        for (Choice c : choices) {
            if (Accelerators.normalize(c.label()).equals(normalized)) {
                return c;
            }
        }
        return null;
    }
}
