package io.nightshift.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The leak ledger: what of each scenario reached the agents, judgment by judgment. It lives in the store, inside each
 * judgment's record as a {@code ledger} object: {@code to} (the run and stage the feedback went to; null when it went
 * to the operator only, as with {@code nightshift judge}), {@code level}, and per scenario its title, the kinds of
 * content disclosed ({@code counts}, {@code title}, {@code story}, {@code failed_kind}, {@code observed},
 * {@code step}, {@code expected}) and whether it was withheld. A scenario's <em>exposure</em> is the number of
 * disclosures to agents that carried more of it than its counts; a suite's {@code max_exposure} caps it, after which
 * the scenario is withheld from feedback (still judged) and due for rotation.
 */
public final class ExposureLedger {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scenario's exposure so far. */
    public record Exposure(String title, int count, Instant first, Instant last, Set<String> kinds) {
    }

    private ExposureLedger() {
    }

    /** The judgment's record (JSON text) with its ledger entry added; {@code to} null: not disclosed to agents. */
    public static String record(Judgment judgment, DisclosedJudgment disclosed, String to) {
        ObjectNode root;
        try {
            root = (ObjectNode) JSON.readTree(JudgmentJson.write(judgment));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a judgment's own JSON always reads back", e);
        }
        ObjectNode ledger = root.putObject("ledger");
        ledger.put("to", to);
        ledger.put("level", disclosed.disclosure().wireName());
        ArrayNode scenarios = ledger.putArray("scenarios");
        for (int i = 0; i < disclosed.scenarios().size(); i++) {
            DisclosedScenario s = disclosed.scenarios().get(i);
            ObjectNode o = scenarios.addObject();
            o.put("title", judgment.scenarios().get(i).scenario().title());
            ArrayNode kinds = o.putArray("kinds");
            kinds.add("counts");
            s.contentKinds().forEach(kinds::add);
            o.put("withheld", s.withheld());
        }
        return root.toString();
    }

    /** Exposure per scenario title, from a suite's judgment records (JSON text, oldest first). */
    public static Map<String, Exposure> exposure(List<String> records) {
        Map<String, Exposure> out = new LinkedHashMap<>();
        for (String text : records) {
            JsonNode root;
            try {
                root = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                continue;
            }
            JsonNode ledger = root.path("ledger");
            if (ledger.path("to").isNull() || ledger.path("to").isMissingNode()) {
                continue;
            }
            Instant at = parse(root.path("startedAt").asText(null));
            for (JsonNode s : ledger.path("scenarios")) {
                Set<String> kinds = new TreeSet<>();
                s.path("kinds").forEach(k -> kinds.add(k.asText()));
                kinds.remove("counts");
                if (kinds.isEmpty() || s.path("withheld").asBoolean()) {
                    continue;
                }
                String title = s.path("title").asText();
                Exposure was = out.get(title);
                if (was == null) {
                    out.put(title, new Exposure(title, 1, at, at, kinds));
                } else {
                    Set<String> all = new TreeSet<>(was.kinds());
                    all.addAll(kinds);
                    out.put(title, new Exposure(title, was.count() + 1, was.first(), at, all));
                }
            }
        }
        return out;
    }

    /** The indexes of {@code suite}'s scenarios whose exposure has reached the suite's {@code max_exposure}. */
    public static Set<Integer> withheld(Suite suite, Map<String, Exposure> exposure) {
        Integer max = suite.settings().maxExposure();
        Set<Integer> out = new TreeSet<>();
        if (max == null) {
            return out;
        }
        for (int i = 0; i < suite.scenarios().size(); i++) {
            Exposure e = exposure.get(suite.scenarios().get(i).title());
            if ((e == null ? 0 : e.count()) >= max) {
                out.add(i);
            }
        }
        return out;
    }

    /** The titles past the limit: the scenarios to rotate. */
    public static List<String> dueForRotation(Suite suite, Map<String, Exposure> exposure) {
        List<String> out = new ArrayList<>();
        withheld(suite, exposure).forEach(i -> out.add(suite.scenarios().get(i).title()));
        return out;
    }

    private static Instant parse(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
