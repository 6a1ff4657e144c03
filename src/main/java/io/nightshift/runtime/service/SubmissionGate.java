package io.nightshift.runtime.service;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.runtime.ModelRequirement;
import io.nightshift.runtime.PipelineLoader;
import io.nightshift.runtime.UnusableInputException;
import java.util.Map;
import java.util.Optional;

/**
 * What the service refuses at submission, before a run exists: simulation unless the operator allows it (the
 * service runs for real by default), an unknown provider or model, and a run whose LLM stages have no provider to
 * call. Plain Java; thread-safe.
 */
public final class SubmissionGate {

    private final boolean allowSimulate;
    private final Map<String, String> environment;
    private final PipelineLoader loader;

    /**
     * @param allowSimulate whether {@code "simulate": true} is accepted ({@code nightshift.server.allow-simulate})
     * @param environment the service's environment, where provider keys are found
     */
    public SubmissionGate(boolean allowSimulate, Map<String, String> environment, PipelineLoader loader) {
        this.allowSimulate = allowSimulate;
        this.environment = Map.copyOf(environment);
        this.loader = loader;
    }

    /** @throws InvalidSubmissionException saying what is refused and how to get past it */
    public void check(RunSubmission submission) {
        if (submission.simulate() && !allowSimulate) {
            throw new InvalidSubmissionException("\"simulate\": true is refused: this service runs pipelines for real"
                    + " (the operator allows simulation with nightshift.server.allow-simulate=true)");
        }
        ModelRequirement.ModelChoice choice;
        try {
            choice = ModelRequirement.choose(submission.provider(), submission.model());
        } catch (UnusableInputException e) {
            throw new InvalidSubmissionException(e.getMessage());
        }
        if (submission.simulate()) {
            return;
        }
        Optional<String> unmet = graph(submission).flatMap(g -> ModelRequirement.unmet(g, environment, choice));
        if (unmet.isPresent()) {
            throw new InvalidSubmissionException(unmet.get() + " on the service"
                    + (allowSimulate ? "; or submit with \"simulate\": true" : ""));
        }
    }

    /** The graph, or empty when the DOT does not load: the registry then reports the diagnostics. */
    private Optional<Graph> graph(RunSubmission submission) {
        String name = submission.name() == null || submission.name().isBlank() ? "pipeline.dot" : submission.name();
        try {
            return Optional.of(loader.load(submission.dot(), name).graph());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
