package io.nightshift.harness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@link Judgment} into what its suite's {@link Disclosure} level lets leave the harness.
 *
 * <ul>
 *   <li>{@code verdict}: counts per scenario under a neutral label ({@code scenario 3}); no title, no story.
 *   <li>{@code hints}: for each scenario that failed a trial, also its title and story, the kind of the step that
 *       failed and what the program did there. That observation is the program's own output, but any text of the
 *       scenario (step text, commands and each of their arguments, inputs and each of their words, expected
 *       values) it happens to repeat, in any case, is replaced by {@code [hidden]}, so a program cannot echo the hidden checks back to the agents; an observation that
 *       carries one of them in an encoded form ({@link EncodedInputs}) is withheld as a whole.
 *   <li>{@code full}: every scenario's title and story, the failing step's text and its expected value.
 * </ul>
 */
public final class Disclosures {

    static final String HIDDEN = "[hidden]";
    static final String WITHHELD = "[observation withheld]";
    /** Scenario strings shorter than this are not redacted from observations (an exit code, "ok"). */
    static final int MIN_REDACTED = 4;

    private Disclosures() {
    }

    public static DisclosedJudgment disclose(Judgment judgment) {
        return disclose(judgment, Set.of());
    }

    /**
     * As {@link #disclose(Judgment)}, with the scenarios at {@code withheld} (0-based indexes: past their suite's
     * exposure limit) shown by their counts only, whatever the level. They still count in satisfaction.
     */
    public static DisclosedJudgment disclose(Judgment judgment, Set<Integer> withheld) {
        List<DisclosedScenario> scenarios = new ArrayList<>();
        for (int i = 0; i < judgment.scenarios().size(); i++) {
            scenarios.add(withheld.contains(i) ? withheldScenario(i, judgment.scenarios().get(i))
                    : scenario(i, judgment.scenarios().get(i), judgment.disclosure()));
        }
        return new DisclosedJudgment(judgment.suite(), judgment.version(), judgment.commit(), judgment.disclosure(),
                judgment.satisfiedTrials(), judgment.totalTrials(), judgment.satisfaction(), judgment.threshold(),
                judgment.reached(), scenarios, Feedback.text(judgment, scenarios), judgment.durationMs(),
                judgment.estimate(), judgment.judgeErrors());
    }

    private static DisclosedScenario withheldScenario(int index, ScenarioResult result) {
        return new DisclosedScenario("scenario " + (index + 1), null, null, result.satisfiedTrials(),
                result.countedTrials(), null, null, null, null, result.flaky(), result.judgeErrors(), true);
    }

    /** Scenario {@code index} (0-based) of a judgment at {@code level}. */
    public static DisclosedScenario scenario(int index, ScenarioResult result, Disclosure level) {
        String label = "scenario " + (index + 1);
        int satisfied = result.satisfiedTrials();
        int trials = result.countedTrials();
        boolean flaky = result.flaky();
        int errors = result.judgeErrors();
        TrialResult failed = result.trials().stream().filter(t -> t.counted() && !t.satisfied())
                .min(Comparator.comparingInt(TrialResult::trial)).orElse(null);
        Scenario scenario = result.scenario();
        return switch (level) {
            case VERDICT -> new DisclosedScenario(label, null, null, satisfied, trials, null, null, null, null, flaky,
                    errors, false);
            case HINTS -> failed == null
                    ? new DisclosedScenario(label, null, null, satisfied, trials, null, null, null, null, flaky,
                            errors, false)
                    : new DisclosedScenario(label, scenario.title(), scenario.story(), satisfied, trials,
                            failed.failedKind(), hintObservation(failed.observed(), scenario), null, null, flaky,
                            errors, false);
            case FULL -> new DisclosedScenario(label, scenario.title(), scenario.story(), satisfied, trials,
                    failed == null ? null : failed.failedKind(), failed == null ? null : failed.observed(),
                    failed == null ? null : stepText(scenario, failed.failedStep()),
                    failed == null ? null : failed.expected(), flaky, errors, false);
        };
    }

    /**
     * The observation {@code hints} may show: redacted, or withheld as a whole when the program's output carries a
     * hidden string in an encoded form (base64, hex, reversed ...), since no redaction can be sure to catch every
     * piece of an encoding.
     */
    static String hintObservation(String observed, Scenario scenario) {
        String redacted = redact(observed, scenario);
        return EncodedInputs.find(redacted, hiddenStrings(scenario))
                .map(how -> WITHHELD + " (the program's output carried the scenario's inputs " + how + ")")
                .orElse(redacted);
    }

    private static String stepText(Scenario scenario, int index) {
        if (index < 0 || index >= scenario.steps().size()) {
            return null;
        }
        Step step = scenario.steps().get(index);
        return (step.keyword() == null ? "" : step.keyword().strip() + " ") + step.text();
    }

    /** {@code text} with every string of {@code scenario}'s steps replaced by {@link #HIDDEN}, longest first. */
    static String redact(String text, Scenario scenario) {
        if (text == null) {
            return null;
        }
        List<String> hidden = new ArrayList<>(hiddenStrings(scenario));
        hidden.sort(Comparator.comparingInt(String::length).reversed());
        String out = text;
        for (String h : hidden) {
            // Whatever the case: a program that upper-cases its input would otherwise repeat it unrecognised.
            out = Pattern.compile(Pattern.quote(h), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(out)
                    .replaceAll(Matcher.quoteReplacement(HIDDEN));
        }
        return out;
    }

    static Set<String> hiddenStrings(Scenario scenario) {
        Set<String> all = new LinkedHashSet<>();
        for (Step step : scenario.steps()) {
            add(all, step.text());
            switch (step.action()) {
                case StepAction.RunCommand a -> {
                    add(all, a.command());
                    addArguments(all, a.command());
                    add(all, a.stdin());
                    addWords(all, a.stdin());
                }
                case StepAction.StartService a -> {
                    add(all, a.command());
                    addArguments(all, a.command());
                }
                case StepAction.SendHttp a -> {
                    add(all, a.target());
                    add(all, a.body());
                    addWords(all, a.body());
                    a.headers().values().forEach(v -> add(all, v));
                }
                case StepAction.ExpectExitCode e -> {
                }
                case StepAction.ExpectText e -> add(all, e.expected());
                case StepAction.ExpectJson e -> {
                    add(all, e.path());
                    add(all, e.expectedJson());
                    add(all, jsonText(e.expectedJson()));
                }
                case StepAction.ExpectHttpStatus e -> {
                }
                case StepAction.ExpectFile e -> {
                    add(all, e.path());
                    add(all, e.expected());
                }
                case StepAction.JudgeAgrees e -> add(all, e.statement());
                case StepAction.ResetTwin a -> {
                }
                case StepAction.FailTwinNext a -> {
                }
                case StepAction.ExpectTwinRequest e -> add(all, e.path());
            }
        }
        return all;
    }

    private static void add(Set<String> all, String value) {
        if (value == null) {
            return;
        }
        if (value.strip().length() >= MIN_REDACTED) {
            all.add(value);
            all.add(value.strip());
        }
        for (String line : value.split("\\R")) {
            if (line.strip().length() >= MIN_REDACTED) {
                all.add(line.strip());
            }
        }
    }

    /**
     * The arguments of each simple command in a shell command line, quotes removed: a program that echoes its
     * arguments ({@code unknown word: qux}) would otherwise repeat the scenario's inputs one by one. Command names (the
     * first word of each command) stay readable, so the judge's own words ({@code exit code}) are not hidden by a
     * {@code ; exit 4}.
     */
    static void addArguments(Set<String> all, String command) {
        if (command == null) {
            return;
        }
        boolean first = true;
        for (String word : command.split("(?<=[;|&()<>])|(?=[;|&()<>])|\\s+")) {
            if (word.isBlank()) {
                continue;
            }
            if (word.matches("[<>]")) {
                continue;
            }
            if (word.matches("[;|&()]")) {
                first = true;
                continue;
            }
            String unquoted = word.replace("\"", "").replace("'", "");
            if (!first) {
                add(all, unquoted);
            }
            first = false;
        }
    }

    /**
     * Every word of an input (a doc string fed to a command or sent as a body): a program that counts, sorts or
     * re-formats its input repeats it word by word, never line by line.
     */
    static void addWords(Set<String> all, String input) {
        if (input == null) {
            return;
        }
        for (String word : input.split("[^\\p{L}\\p{N}_.'-]+")) {
            add(all, word);
        }
    }

    /** The text of a JSON string literal ({@code "Alice"} gives {@code Alice}), or null. */
    private static String jsonText(String json) {
        String t = json == null ? "" : json.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return null;
    }
}
