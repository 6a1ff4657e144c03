package io.nightshift.harness.judge;

import io.nightshift.harness.Judgment;

/** A judgment and where its time went. */
public record MeasuredJudgment(Judgment judgment, JudgeFigures figures) {
}
