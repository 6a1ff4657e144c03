package io.nightshift.harness.judge;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.llm.Client;
import io.nightshift.llm.GenerateOptions;
import io.nightshift.llm.GenerateResult;
import io.nightshift.llm.Json;
import io.nightshift.llm.Llm;

/**
 * Plays {@code Then a judge agrees that "..."}: asks a model, through the unified client, for a structured verdict
 * {@code {agrees, reason}} on a statement given the transcript of what the scenario did so far.
 *
 * @param client null when no provider is configured (the step then fails, saying so)
 * @param model null when neither the suite nor the run names one
 */
public record LlmJudge(Client client, String model) {

    static final String SYSTEM = """
            You are the judge of an acceptance test. A scenario has been run against a program; you receive the \
            transcript of its steps (the commands and requests it sent and what the program answered) and one \
            statement about the program's behaviour. Decide, from the transcript alone, whether the statement holds. \
            Be strict: when the transcript does not show it, it does not hold. Answer with a JSON object: \
            {"agrees": true or false, "reason": one or two sentences citing what in the transcript decided it}.""";

    static final JsonNode SCHEMA = Json.parseOrNull("""
            {"type": "object",
             "properties": {"agrees": {"type": "boolean"}, "reason": {"type": "string"}},
             "required": ["agrees", "reason"], "additionalProperties": false}""");

    /** No model available: every {@code a judge agrees} step fails with a clear reason. */
    public static final LlmJudge NONE = new LlmJudge(null, null);

    StepCheck check(String statement, Trial trial) {
        String expected = "a judge agrees that \"" + statement + "\"";
        String observed = trial.latest != null ? trial.latest.describe() : "nothing had run yet";
        if (client == null) {
            return StepCheck.failed(observed, expected, "no LLM client is configured for 'a judge agrees' steps;"
                    + " set a provider key (ANTHROPIC_API_KEY, OPENAI_API_KEY or GEMINI_API_KEY)");
        }
        if (model == null || model.isBlank()) {
            return StepCheck.failed(observed, expected, "no judge model: set judge_model in suite.yaml or configure"
                    + " a default judge model");
        }
        GenerateOptions options = GenerateOptions.builder(model).client(client).system(SYSTEM).maxToolRounds(0)
                .prompt("Statement: " + statement + "\n\nTranscript:\n" + Texts.tail(trial.transcript(), 60_000))
                .build();
        JsonNode verdict;
        try {
            GenerateResult result = Llm.generateObject(options, SCHEMA);
            verdict = result.output();
        } catch (RuntimeException e) {
            return StepCheck.failed(observed, expected, "the judge model gave no verdict: " + e.getMessage());
        }
        boolean agrees = verdict.path("agrees").asBoolean(false);
        String reason = verdict.path("reason").asText("");
        trial.note("judge: " + (agrees ? "agrees" : "disagrees") + " (" + reason + ")");
        return agrees ? StepCheck.PASSED : StepCheck.failed(observed, expected, "the judge disagreed: " + reason);
    }
}
