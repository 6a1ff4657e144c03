package io.nightshift.cli;

import io.nightshift.event.EventSink;
import io.nightshift.event.PipelineEvent;
import io.nightshift.runtime.RunDurations;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Renders a run's events as one line each: stage started, finished, retried, failed, with durations. In quiet
 * mode only failures are printed. Never throws (an event sink must not).
 */
final class ProgressRenderer implements EventSink {

    enum Level { QUIET, NORMAL, VERBOSE }

    private final PrintStream out;
    private final PrintStream err;
    private final Level level;
    private final boolean color;
    /** The latest spend line of each stage, from its model calls ({@code 1,234 tokens, $0.0123}). */
    private final java.util.Map<String, String> stageSpend = new java.util.concurrent.ConcurrentHashMap<>();

    ProgressRenderer(PrintStream out, PrintStream err, Level level, boolean color) {
        this.out = out;
        this.err = err;
        this.level = level;
        this.color = color;
    }

    @Override
    public void accept(PipelineEvent event) {
        try {
            render(event);
        } catch (RuntimeException ignored) {
            // rendering must never disturb the run
        }
    }

    private void render(PipelineEvent event) {
        switch (event) {
            case PipelineEvent.PipelineStarted e -> info("run " + e.runId() + ": " + e.name()
                    + (e.goal().isBlank() ? "" : " — " + e.goal()));
            case PipelineEvent.PipelineResumed e -> info("resuming " + e.name() + " after '" + e.fromNode()
                    + "'; next: " + e.nextNode());
            case PipelineEvent.StageStarted e -> {
                if (level != Level.QUIET) {
                    out.println(paint("2", "  ▸ ") + e.nodeId() + paint("2", " (" + e.handlerType()
                            + (e.attempt() > 1 ? ", attempt " + e.attempt() : "") + ")"));
                }
            }
            case PipelineEvent.StageCompleted e -> info(paint("32", "  ✓ ") + e.nodeId() + " " + e.status()
                    + paint("2", " in " + human(e.durationMs()) + spendOf(e.nodeId())));
            case PipelineEvent.StageFailed e -> {
                String line = paint("31", "  ✗ ") + e.nodeId() + " " + e.status() + paint("2", " in "
                        + human(e.durationMs()) + spendOf(e.nodeId())) + ": " + e.error()
                        + (e.willRetry() ? " (will retry)" : "");
                if (level == Level.QUIET && !e.willRetry()) {
                    err.println(line);
                } else if (level != Level.QUIET) {
                    out.println(line);
                }
            }
            case PipelineEvent.StageRetrying e -> info(paint("33", "  ↻ ") + e.nodeId() + " retry, attempt "
                    + e.attempt() + " in " + human(e.delayMs()));
            case PipelineEvent.EdgeSelected e -> {
                if (level == Level.VERBOSE) {
                    out.println(paint("2", "    → " + e.toNode() + " (" + e.reason()
                            + (e.label().isBlank() ? "" : ", \"" + e.label() + "\"") + ")"));
                }
            }
            case PipelineEvent.ParallelStarted e -> info("  ⇉ " + e.nodeId() + ": " + e.branchCount()
                    + " branches (" + e.joinPolicy() + ")");
            case PipelineEvent.ParallelBranchStarted e -> verbose("    ▸ branch " + e.branch());
            case PipelineEvent.ParallelBranchCompleted e -> verbose("    " + (e.success() ? "✓" : "✗") + " branch "
                    + e.branch() + " " + e.status() + " in " + human(e.durationMs()));
            case PipelineEvent.ParallelCompleted e -> info("  ⇇ " + e.nodeId() + ": " + e.successCount()
                    + " succeeded, " + e.failureCount() + " failed");
            case PipelineEvent.InterviewStarted e -> verbose("  ? " + e.nodeId() + ": " + e.question());
            case PipelineEvent.InterviewCompleted e -> info("  ! " + e.nodeId() + ": answered " + e.answer());
            case PipelineEvent.InterviewTimeout e -> info(paint("33", "  ! ") + e.nodeId()
                    + ": no answer within the timeout");
            case PipelineEvent.LoopRestarted e -> info(paint("33", "  ⟲ ") + "loop restart at " + e.targetNode()
                    + " in " + e.newLogsRoot());
            case PipelineEvent.AgentActivity e -> renderAgent(e);
            case PipelineEvent.CheckpointSaved e -> { }
            case PipelineEvent.HarnessStarted e -> info(paint("35", "    ⚖ ") + e.nodeId() + ": judging "
                    + abbrev(e.commit()) + " against suite " + e.suite() + " (" + e.scenarios() + " scenarios × "
                    + e.trials() + (e.round() > 0 ? ", round " + e.round() : "") + ")");
            case PipelineEvent.ScenarioJudged e -> verbose("      " + (e.satisfiedTrials() == e.trials() ? "✓" : "✗")
                    + " " + (e.title() == null ? e.label() : e.title()) + " " + e.satisfiedTrials() + "/"
                    + e.trials() + (e.failedKind() == null ? "" : " (" + e.failedKind() + " failed)"));
            case PipelineEvent.HarnessCompleted e -> info(paint(e.reached() ? "32" : "33", "    ⚖ ") + e.nodeId()
                    + ": satisfaction " + percent(e.satisfaction()) + " (" + e.satisfiedTrials() + "/"
                    + e.totalTrials() + " trials, threshold " + percent(e.threshold()) + ")"
                    + (e.reached() ? "" : " below threshold"));
            case PipelineEvent.CandidateStarted e -> verbose("    ◇ " + e.nodeId() + ": candidate " + e.index() + " of "
                    + e.count() + (e.llmModel().isEmpty() ? "" : " (" + e.llmModel() + ")"));
            case PipelineEvent.CandidateCompleted e -> info("    ◇ " + e.nodeId() + ": candidate " + e.index() + " "
                    + e.status() + (e.satisfaction() == null ? "" : ", satisfaction " + percent(e.satisfaction())
                    + " (lower bound " + percent(e.satisfactionLower()) + ")") + ", " + e.spend().describe()
                    + (e.reason().isEmpty() ? "" : ": " + e.reason()));
            case PipelineEvent.CandidatesDecided e -> info(paint(e.winner() > 0 ? "32" : "33", "    ◆ ") + e.nodeId()
                    + ": " + e.reason());
            case PipelineEvent.ModelCallCompleted e -> {
                stageSpend.put(e.nodeId(), SpendLine.of(e.stageTokens(), e.stageCostUsd(), e.runCostComplete()));
                verbose(paint("2", "    $ " + e.nodeId() + ": " + e.model() + " " + SpendLine.of(e.tokens(),
                        e.costUsd() == null ? 0 : e.costUsd(), e.costUsd() != null) + "; run so far "
                        + SpendLine.of(e.runTokens(), e.runCostUsd(), e.runCostComplete())));
            }
            case PipelineEvent.PipelineBudgetExhausted e -> { }
            case PipelineEvent.PipelineStalled e -> { }
            case PipelineEvent.PipelineCompleted e -> { }
            case PipelineEvent.PipelineFailed e -> { }
            case PipelineEvent.PipelineCancelled e -> { }
        }
        out.flush();
    }

    /** Agent events: a line per tool call; the assistant's text and warnings in verbose mode; errors always. */
    private void renderAgent(PipelineEvent.AgentActivity e) {
        com.fasterxml.jackson.databind.JsonNode ev = e.event();
        switch (ev.path("type").asText()) {
            case "TOOL_CALL_START" -> info(paint("36", "    ⚙ ") + e.nodeId() + ": " + ev.path("tool_name").asText()
                    + " " + clip(ev.path("arguments").asText(ev.path("arguments").toString()), 100));
            case "ASSISTANT_TEXT_END" -> verbose(paint("2", "    ✎ " + e.nodeId() + ": "
                    + clip(ev.path("text").asText(), 160)));
            case "WARNING", "LOOP_DETECTION", "TURN_LIMIT" -> verbose(paint("33", "    ! ") + e.nodeId() + ": "
                    + clip(ev.path("message").asText(ev.toString()), 160));
            case "ERROR" -> err.println(paint("31", "    ✗ ") + e.nodeId() + ": agent error: "
                    + clip(ev.path("message").asText(), 200));
            default -> { }
        }
    }

    private String spendOf(String nodeId) {
        String spend = stageSpend.get(nodeId);
        return spend == null ? "" : ", " + spend;
    }

    static String percent(double fraction) {
        return Math.round(fraction * 1000) / 10.0 + "%";
    }

    private static String abbrev(String commit) {
        return commit == null ? "" : commit.length() > 10 ? commit.substring(0, 10) : commit;
    }

    private static String clip(String text, int max) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }

    private void info(String line) {
        if (level != Level.QUIET) {
            out.println(line);
        }
    }

    private void verbose(String line) {
        if (level == Level.VERBOSE) {
            out.println(line);
        }
    }

    private String paint(String code, String text) {
        return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    static String human(long ms) {
        return RunDurations.human(Duration.ofMillis(ms));
    }
}
