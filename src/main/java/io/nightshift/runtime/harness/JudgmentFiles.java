package io.nightshift.runtime.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.harness.DisclosedJudgment;
import io.nightshift.harness.DisclosedScenario;
import io.nightshift.harness.SatisfactionEstimate;
import io.nightshift.pipeline.run.AtomicFiles;
import io.nightshift.pipeline.run.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code <run dir>/harness/<n>.json}: every judgment of a run, numbered 1, 2, ... in the order they ended, with
 * disclosed content only (a {@link DisclosedJudgment} plus the stage, round and time). Numbers continue across
 * resumes: the next is one more than the highest file present.
 */
public final class JudgmentFiles {

    public static final String DIRECTORY = "harness";
    private static final Pattern NAME = Pattern.compile("(\\d+)\\.json");

    private JudgmentFiles() {
    }

    /** One stored judgment as read back: enough for summaries. */
    public record Entry(int number, String nodeId, int round, String suite, String commit, double satisfaction,
                        double threshold, boolean reached, int satisfiedTrials, int totalTrials, String certainty,
                        List<String> flaky, int judgeErrors, List<String> withheld) {
    }

    /** Writes the next file of {@code runDir}; returns its number. Synchronised: parallel branches may judge at once. */
    public static synchronized int write(Path runDir, String nodeId, int round, DisclosedJudgment judgment,
            boolean reached, Instant at) {
        Path dir = runDir.resolve(DIRECTORY);
        int n = highest(dir) + 1;
        ObjectNode root = toJson(nodeId, round, judgment, reached, at);
        root.put("judgment", n);
        try {
            AtomicFiles.writeString(dir.resolve(n + ".json"),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(n + ".json") + ": " + e.getMessage(), e);
        }
        return n;
    }

    static ObjectNode toJson(String nodeId, int round, DisclosedJudgment j, boolean reached, Instant at) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("node_id", nodeId);
        root.put("round", round);
        root.put("judged_at", at.toString());
        root.put("suite", j.suite());
        root.put("version", j.version());
        root.put("commit", j.commit());
        root.put("disclosure", j.disclosure() == null ? null : j.disclosure().wireName());
        root.put("satisfied_trials", j.satisfiedTrials());
        root.put("total_trials", j.totalTrials());
        root.put("satisfaction", j.satisfaction());
        root.put("threshold", j.threshold());
        root.put("reached", reached);
        root.put("duration_ms", j.durationMs());
        if (j.estimate() != null) {
            SatisfactionEstimate e = j.estimate().withThreshold(j.threshold());
            ObjectNode stat = root.putObject("estimate");
            stat.put("gate", e.rule().wireName());
            stat.put("interval", "wilson");
            stat.put("confidence", e.interval().confidence());
            stat.put("lower", e.interval().lower());
            stat.put("upper", e.interval().upper());
            stat.put("settled", e.settled());
            stat.put("certainty", e.describe());
        }
        root.put("judge_errors", j.judgeErrors());
        ArrayNode scenarios = root.putArray("scenarios");
        for (DisclosedScenario s : j.scenarios()) {
            ObjectNode o = scenarios.addObject();
            o.put("label", s.label());
            o.put("title", s.title());
            o.put("story", s.story());
            o.put("satisfied_trials", s.satisfiedTrials());
            o.put("trials", s.trials());
            o.put("failed_kind", s.failedKind() == null ? null : s.failedKind().wireName());
            o.put("observed", s.observed());
            o.put("step", s.step());
            o.put("expected", s.expected());
            o.put("flaky", s.flaky());
            o.put("judge_errors", s.judgeErrors());
            o.put("withheld", s.withheld());
        }
        root.put("feedback", j.feedback());
        return root;
    }

    /** Every judgment of {@code runDir}, by number; unreadable files are skipped. */
    public static List<Entry> read(Path runDir) {
        Path dir = runDir.resolve(DIRECTORY);
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        for (int n = 1; n <= highest(dir); n++) {
            Path file = dir.resolve(n + ".json");
            try {
                JsonNode j = Json.mapper().readTree(file.toFile());
                out.add(new Entry(n, j.path("node_id").asText(), j.path("round").asInt(), j.path("suite").asText(),
                        j.path("commit").asText(), j.path("satisfaction").asDouble(), j.path("threshold").asDouble(),
                        j.path("reached").asBoolean(), j.path("satisfied_trials").asInt(),
                        j.path("total_trials").asInt(), j.path("estimate").path("certainty").asText(""),
                        labels(j, "flaky"), j.path("judge_errors").asInt(), labels(j, "withheld")));
            } catch (IOException | RuntimeException e) {
                // a missing or torn file leaves a gap, not a failed summary
            }
        }
        return out;
    }

    private static List<String> labels(JsonNode judgment, String flag) {
        List<String> out = new ArrayList<>();
        judgment.path("scenarios").forEach(s -> {
            if (s.path(flag).asBoolean()) {
                out.add(s.path("label").asText());
            }
        });
        return out;
    }

    private static int highest(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> NAME.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
