package io.nightshift.pipeline.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.engine.PipelineEngine;
import io.nightshift.pipeline.engine.QueueInterviewer;
import io.nightshift.pipeline.engine.RecordingSink;
import io.nightshift.pipeline.engine.RecordingSleeper;
import io.nightshift.pipeline.engine.RunConfig;
import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.pipeline.engine.TestPipelines;
import io.nightshift.pipeline.human.Answer;
import io.nightshift.pipeline.human.Option;
import io.nightshift.pipeline.human.QuestionType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attractor-spec 4.6, 6.5 and DoD 11.6 (wait.human row). */
class WaitHumanHandlerTest {

    static final String GATE = """
            digraph gate {
                start [shape=Mdiamond]
                approve [shape=hexagon, label="Deploy to production?" %s]
                deploy [prompt="Deploy"]
                fix [prompt="Fix"]
                done [shape=Msquare]
                start -> approve
                approve -> deploy [label="[Y] Yes, deploy"]
                approve -> fix [label="N) No, fix first"]
                deploy -> done
                fix -> done
            }
            """;

    @TempDir
    Path tmp;

    private RunResult run(String attrs, QueueInterviewer interviewer, RecordingSink sink) {
        return new PipelineEngine(RunConfig.builder(tmp.resolve("run")).interviewer(interviewer).sink(sink)
                .sleeper(new RecordingSleeper()).build()).run(TestPipelines.prepare(GATE.formatted(attrs)));
    }

    @Test
    void offersTheOutgoingEdgesWithTheirAcceleratorKeys() {
        QueueInterviewer interviewer = QueueInterviewer.keys("Y");
        run("", interviewer, new RecordingSink());

        assertThat(interviewer.asked()).hasSize(1);
        var q = interviewer.asked().get(0);
        assertThat(q.text()).isEqualTo("Deploy to production?");
        assertThat(q.type()).isEqualTo(QuestionType.MULTIPLE_CHOICE);
        assertThat(q.stage()).isEqualTo("approve");
        assertThat(q.options()).containsExactly(new Option("Y", "[Y] Yes, deploy"), new Option("N", "N) No, fix first"));
    }

    @Test
    void routesToTheSelectedOptionAndRecordsItInContext() {
        RunResult r = run("", new QueueInterviewer(Answer.option(new Option("N", "N) No, fix first"))),
                new RecordingSink());
        assertThat(r.completedNodes()).containsExactly("start", "approve", "fix", "done");
        assertThat(r.context()).containsEntry("human.gate.selected", "N")
                .containsEntry("human.gate.label", "N) No, fix first");
    }

    @Test
    void timeoutUsesTheDefaultChoice() {
        RecordingSink sink = new RecordingSink();
        RunResult r = run(", \"human.default_choice\"=fix, \"human.timeout\"=\"5m\"",
                new QueueInterviewer(Answer.timeout()), sink);
        assertThat(r.completedNodes()).containsExactly("start", "approve", "fix", "done");
        assertThat(sink.trace()).contains("interview_timeout:approve");
    }

    @Test
    void timeoutWithoutDefaultAsksAgainThenFails() {
        QueueInterviewer interviewer = new QueueInterviewer(Answer.timeout(), Answer.timeout());
        RunResult r = run(", max_retries=1", interviewer, new RecordingSink());
        assertThat(interviewer.asked()).hasSize(2);
        assertThat(r.status()).isEqualTo(RunStatus.FAIL);
        assertThat(r.failureReason()).isEqualTo("max retries exceeded (2 attempts): human gate timeout, no default");
    }

    @Test
    void skippingTheQuestionFailsTheStage() {
        RunResult r = run("", new QueueInterviewer(), new RecordingSink());
        assertThat(r.status()).isEqualTo(RunStatus.FAIL);
        assertThat(r.failureReason()).isEqualTo("human skipped interaction");
    }

    @Test
    void unmatchedAnswerFallsBackToTheFirstChoice() {
        RunResult r = run("", QueueInterviewer.keys("maybe"), new RecordingSink());
        assertThat(r.completedNodes()).containsExactly("start", "approve", "deploy", "done");
    }

    @Test
    void withoutAnInterviewerTheGateFailsWithAHint() {
        RunResult r = new PipelineEngine(RunConfig.builder(tmp.resolve("run")).build())
                .run(TestPipelines.prepare(GATE.formatted("")));
        assertThat(r.failureReason()).contains("needs an interviewer", "--auto-approve");
    }
}
