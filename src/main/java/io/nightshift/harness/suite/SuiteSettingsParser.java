package io.nightshift.harness.suite;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.nightshift.harness.Disclosure;
import io.nightshift.harness.Gate;
import io.nightshift.harness.GateRule;
import io.nightshift.harness.SuiteSettings;
import io.nightshift.harness.SuiteTwin;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code suite.yaml}, a mapping of exactly these keys:
 * <pre>
 *   name: greeter            # required: 1-64 of a-z 0-9 . _ -, starting with a letter or digit
 *   trials: 3                # runs per scenario, 1-100 (default 1)
 *   disclosure: hints        # verdict | hints | full (default hints)
 *   threshold: 0.9           # satisfaction needed by default, 0-1 (default 1.0)
 *   judge_model: some-model  # the model of "a judge agrees that" steps (default: the run's model)
 *   gate: lower_bound        # point | lower_bound (default point): what is compared with the threshold
 *   confidence: 0.95         # of the Wilson interval, strictly between 0 and 1 (default 0.95)
 *   max_trials: 20           # adaptive trials per scenario up to this while undecided (default: trials)
 *   flaky_weight: 0.5        # how much a flaky scenario's trials count in the gate, 0-1 (default 1)
 *   max_exposure: 5          # judgments that may disclose a scenario to agents before it is withheld
 *   twins:                   # services the program calls, replayed in the judge (docs/twins.md)
 *     - name: payments       #   host name and PAYMENTS_BASE_URL; a-z, 0-9, '-'
 *       from: twins/payments.json   # a cassette in the suite's twins/ folder
 * </pre>
 * Unknown keys and bad values are problems, each with its line.
 */
final class SuiteSettingsParser {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Set<String> KEYS = Set.of("name", "trials", "disclosure", "threshold", "judge_model", "gate",
            "confidence", "max_trials", "flaky_weight", "max_exposure", "twins");
    private static final String KNOWN = "name, trials, disclosure, threshold, judge_model, gate, confidence, "
            + "max_trials, flaky_weight, max_exposure, twins";
    private static final int MAX_TRIALS = 100;
    private static final YAMLFactory YAML = new YAMLFactory();

    private SuiteSettingsParser() {
    }

    /** @return the settings, or null when {@code problems} received at least one */
    static SuiteSettings parse(String file, String text, List<SuiteProblem> problems) {
        Map<String, Integer> lines = new HashMap<>();
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(text);
            keyLines(text, lines);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new SuiteProblem(file, at == null ? 0 : at.getLineNr(), "not valid YAML: "
                    + e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.add(new SuiteProblem(file, 0, "cannot read: " + e.getMessage()));
            return null;
        }
        if (root == null || !root.isObject()) {
            problems.add(new SuiteProblem(file, 1, "suite.yaml must be a mapping with at least 'name: <suite name>'"));
            return null;
        }
        int before = problems.size();
        root.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                problems.add(new SuiteProblem(file, lines.getOrDefault(key, 0), "unknown key '" + key
                        + "' (known: " + KNOWN + ")"));
            }
        });
        String name = null;
        JsonNode n = root.get("name");
        if (n == null) {
            problems.add(new SuiteProblem(file, 1, "name is missing: add 'name: <suite name>'"));
        } else if (!n.isTextual() || !NAME.matcher(n.asText()).matches()) {
            problems.add(new SuiteProblem(file, lines.get("name"), "name must be 1 to 64 characters a-z, 0-9, '.', "
                    + "'_' or '-', starting with a letter or digit; was '" + n.asText() + "'"));
        } else {
            name = n.asText();
        }
        int trials = SuiteSettings.DEFAULT_TRIALS;
        JsonNode t = root.get("trials");
        if (t != null) {
            if (!t.isIntegralNumber() || t.asInt() < 1 || t.asInt() > MAX_TRIALS) {
                problems.add(new SuiteProblem(file, lines.get("trials"), "trials must be a whole number from 1 to "
                        + MAX_TRIALS + "; was '" + t.asText() + "'"));
            } else {
                trials = t.asInt();
            }
        }
        Disclosure disclosure = Disclosure.HINTS;
        JsonNode d = root.get("disclosure");
        if (d != null) {
            try {
                disclosure = Disclosure.parse(d.isTextual() ? d.asText() : d.toString());
            } catch (IllegalArgumentException e) {
                problems.add(new SuiteProblem(file, lines.get("disclosure"), e.getMessage()));
            }
        }
        double threshold = SuiteSettings.DEFAULT_THRESHOLD;
        JsonNode th = root.get("threshold");
        if (th != null) {
            if (!th.isNumber() || th.asDouble() < 0 || th.asDouble() > 1) {
                problems.add(new SuiteProblem(file, lines.get("threshold"), "threshold must be a number from 0 to 1 "
                        + "(the fraction of trials that must be satisfied); was '" + th.asText() + "'"));
            } else {
                threshold = th.asDouble();
            }
        }
        String judgeModel = null;
        JsonNode m = root.get("judge_model");
        if (m != null) {
            if (!m.isTextual() || m.asText().isBlank()) {
                problems.add(new SuiteProblem(file, lines.get("judge_model"), "judge_model must be a model name"));
            } else {
                judgeModel = m.asText().strip();
            }
        }
        GateRule rule = GateRule.POINT;
        JsonNode g = root.get("gate");
        if (g != null) {
            try {
                rule = GateRule.parse(g.isTextual() ? g.asText() : g.toString());
            } catch (IllegalArgumentException e) {
                problems.add(new SuiteProblem(file, lines.get("gate"), e.getMessage()));
            }
        }
        double confidence = Gate.DEFAULT_CONFIDENCE;
        JsonNode c = root.get("confidence");
        if (c != null) {
            if (!c.isNumber() || !(c.asDouble() > 0 && c.asDouble() < 1)) {
                problems.add(new SuiteProblem(file, lines.get("confidence"), "confidence must be a number strictly "
                        + "between 0 and 1 (the level of the Wilson interval, e.g. 0.95); was '" + c.asText() + "'"));
            } else {
                confidence = c.asDouble();
            }
        }
        double flakyWeight = 1.0;
        JsonNode fw = root.get("flaky_weight");
        if (fw != null) {
            if (!fw.isNumber() || fw.asDouble() < 0 || fw.asDouble() > 1) {
                problems.add(new SuiteProblem(file, lines.get("flaky_weight"), "flaky_weight must be a number from 0 "
                        + "(flaky scenarios do not count in the gate) to 1 (they count fully); was '" + fw.asText()
                        + "'"));
            } else {
                flakyWeight = fw.asDouble();
            }
        }
        int maxTrials = trials;
        JsonNode mt = root.get("max_trials");
        if (mt != null) {
            if (!mt.isIntegralNumber() || mt.asInt() < trials || mt.asInt() > MAX_TRIALS) {
                problems.add(new SuiteProblem(file, lines.get("max_trials"), "max_trials must be a whole number from "
                        + "trials (" + trials + ") to " + MAX_TRIALS + "; was '" + mt.asText() + "'"));
            } else {
                maxTrials = mt.asInt();
            }
        }
        Integer maxExposure = null;
        JsonNode me = root.get("max_exposure");
        if (me != null) {
            if (!me.isIntegralNumber() || me.asInt() < 0) {
                problems.add(new SuiteProblem(file, lines.get("max_exposure"), "max_exposure must be a whole number, 0 "
                        + "or more (judgments whose feedback may disclose a scenario before it is withheld); was '"
                        + me.asText() + "'"));
            } else {
                maxExposure = me.asInt();
            }
        }
        List<SuiteTwin> twins = twins(root.get("twins"), file, lines.getOrDefault("twins", 0), problems);
        Gate gate = new Gate(rule, confidence, flakyWeight);
        String impossible = gate.impossibleAt(threshold);
        if (impossible != null && problems.size() == before) {
            problems.add(new SuiteProblem(file, lines.getOrDefault("gate", 0), impossible));
        }
        return problems.size() > before ? null : new SuiteSettings(name, trials, disclosure, threshold, judgeModel,
                gate, maxTrials, maxExposure, twins);
    }

    /** The {@code twins:} list: each a mapping of {@code name} and {@code from}, names unique. */
    private static List<SuiteTwin> twins(JsonNode node, String file, int line, List<SuiteProblem> problems) {
        List<SuiteTwin> twins = new ArrayList<>();
        if (node == null || node.isNull()) {
            return twins;
        }
        String shape = "twins must be a list of '- name: <twin>' with 'from: twins/<cassette>.json'";
        if (!node.isArray()) {
            problems.add(new SuiteProblem(file, line, shape));
            return twins;
        }
        Set<String> names = new HashSet<>();
        int i = 0;
        for (JsonNode t : node) {
            String at = "twins[" + i++ + "]: ";
            if (!t.isObject() || !t.path("name").isTextual() || !t.path("from").isTextual()) {
                problems.add(new SuiteProblem(file, line, at + shape));
                continue;
            }
            List<String> extra = new ArrayList<>();
            t.fieldNames().forEachRemaining(k -> {
                if (!k.equals("name") && !k.equals("from")) {
                    extra.add(k);
                }
            });
            String name = t.get("name").asText();
            String from = t.get("from").asText();
            if (!extra.isEmpty()) {
                problems.add(new SuiteProblem(file, line, at + "unknown key(s) " + extra + " (known: name, from)"));
            } else if (!SuiteTwin.NAME.matcher(name).matches()) {
                problems.add(new SuiteProblem(file, line, at + "the name '" + name + "' must be 1 to 31 characters "
                        + "a-z, 0-9 or '-', starting with a letter (it is the twin's host name in the judge)"));
            } else if (!names.add(name)) {
                problems.add(new SuiteProblem(file, line, at + "the twin '" + name + "' is declared twice"));
            } else if (!from.startsWith("twins/") || from.contains("..") || from.endsWith("/")) {
                problems.add(new SuiteProblem(file, line, at + "from must name a file in the suite's twins/ folder, "
                        + "such as twins/" + name + ".json; was '" + from + "'"));
            } else {
                twins.add(new SuiteTwin(name, from, null));
            }
        }
        return twins;
    }

    /** The line of each top-level key. */
    private static void keyLines(String text, Map<String, Integer> lines) throws IOException {
        try (JsonParser p = YAML.createParser(text)) {
            int depth = 0;
            for (JsonToken token = p.nextToken(); token != null; token = p.nextToken()) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME -> {
                        if (depth == 1) {
                            lines.putIfAbsent(p.currentName(), p.currentTokenLocation().getLineNr());
                        }
                    }
                    default -> {
                    }
                }
            }
        }
    }
}
