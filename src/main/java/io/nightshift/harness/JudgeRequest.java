package io.nightshift.harness;

import io.nightshift.llm.Client;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to judge and how.
 *
 * @param suite the suite, held in memory only
 * @param repository the repository the snapshot is exported from (a working tree or a bare repository); only read
 * @param commit the commit to judge (its tree, never uncommitted changes)
 * @param trials trials per scenario instead of the suite's, or null
 * @param threshold satisfaction needed instead of the suite's, or null
 * @param image the judge image (the run's sandbox image), or null for the default sandbox image
 * @param parallelism how many trials run at once; 0 derives it from the machine's cores
 * @param llm the client for {@code a judge agrees} steps, or null (such steps then fail, saying why)
 * @param defaultJudgeModel the model for those steps when the suite names none, or null
 * @param runId the run the judgment belongs to, carried in the judge containers' labels; null for {@code judge}
 * @param gate the gate instead of the suite's, or null
 * @param maxTrials the most trials per scenario adaptive judging may reach instead of the suite's, or null
 */
public record JudgeRequest(Suite suite, Path repository, String commit, Integer trials, Double threshold, String image,
                           int parallelism, Client llm, String defaultJudgeModel, String runId, Gate gate,
                           Integer maxTrials) {

    public JudgeRequest {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(commit, "commit");
        if (trials != null && trials < 1) {
            throw new IllegalArgumentException("trials must be at least 1, was " + trials);
        }
        if (threshold != null && (threshold < 0 || threshold > 1)) {
            throw new IllegalArgumentException("threshold must be between 0 and 1, was " + threshold);
        }
        if (parallelism < 0) {
            throw new IllegalArgumentException("parallelism must be 0 (automatic) or more, was " + parallelism);
        }
        runId = runId == null || runId.isBlank() ? "judge" : runId;
        if (maxTrials != null && maxTrials < 1) {
            throw new IllegalArgumentException("max trials must be at least 1, was " + maxTrials);
        }
    }

    public JudgeRequest(Suite suite, Path repository, String commit, Integer trials, Double threshold, String image,
                        int parallelism, Client llm, String defaultJudgeModel, String runId) {
        this(suite, repository, commit, trials, threshold, image, parallelism, llm, defaultJudgeModel, runId, null,
                null);
    }

    /** Judges {@code commit} of {@code repository} with the suite's own settings, the default image and no LLM. */
    public static JudgeRequest of(Suite suite, Path repository, String commit) {
        return new JudgeRequest(suite, repository, commit, null, null, null, 0, null, null, null);
    }

    public JudgeRequest withTrials(Integer value) {
        return new JudgeRequest(suite, repository, commit, value, threshold, image, parallelism, llm,
                defaultJudgeModel, runId, gate, maxTrials);
    }

    public JudgeRequest withThreshold(Double value) {
        return new JudgeRequest(suite, repository, commit, trials, value, image, parallelism, llm, defaultJudgeModel,
                runId, gate, maxTrials);
    }

    public JudgeRequest withImage(String value) {
        return new JudgeRequest(suite, repository, commit, trials, threshold, value, parallelism, llm,
                defaultJudgeModel, runId, gate, maxTrials);
    }

    public JudgeRequest withParallelism(int value) {
        return new JudgeRequest(suite, repository, commit, trials, threshold, image, value, llm, defaultJudgeModel,
                runId, gate, maxTrials);
    }

    /** The client and the model to use when the suite names none. */
    public JudgeRequest withLlm(Client client, String model) {
        return new JudgeRequest(suite, repository, commit, trials, threshold, image, parallelism, client, model,
                runId, gate, maxTrials);
    }

    public JudgeRequest withRunId(String value) {
        return new JudgeRequest(suite, repository, commit, trials, threshold, image, parallelism, llm,
                defaultJudgeModel, value, gate, maxTrials);
    }

    /** Gate and adaptive trials instead of the suite's; null keeps the suite's. */
    public JudgeRequest withGate(Gate value, Integer most) {
        return new JudgeRequest(suite, repository, commit, trials, threshold, image, parallelism, llm,
                defaultJudgeModel, runId, value, most);
    }

    public Gate effectiveGate() {
        return gate != null ? gate : suite.settings().gate();
    }

    /**
     * The most trials per scenario: the request's, else the suite's when it has adaptive trials, never fewer than
     * {@link #effectiveTrials()}.
     */
    public int effectiveMaxTrials() {
        SuiteSettings own = suite.settings();
        // A suite without adaptive trials stays without them when a request overrides its trial count.
        int most = maxTrials != null ? maxTrials : own.maxTrials() > own.trials() ? own.maxTrials() : 0;
        return Math.max(most, effectiveTrials());
    }

    /** Trials per scenario in effect. */
    public int effectiveTrials() {
        return trials != null ? trials : suite.settings().trials();
    }

    public double effectiveThreshold() {
        return threshold != null ? threshold : suite.settings().threshold();
    }

    /** Parallelism in effect: the request's, else the machine's cores (at least 2, as trials mostly wait). */
    public int effectiveParallelism() {
        return parallelism > 0 ? parallelism : Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /** The model for {@code a judge agrees} steps: the suite's, else the request's default; null when neither. */
    public String judgeModel() {
        String model = suite.settings().judgeModel();
        return model != null && !model.isBlank() ? model : defaultJudgeModel;
    }
}
