package io.nightshift.pipeline.handler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ranks a fan-in's candidates with one call to the run's {@link CodergenBackend} (attractor-spec 4.9
 * {@code llm_evaluate}): the fan-in's prompt, then each branch's outcome, notes and last response, then the
 * instruction to answer {@code best: <id>}. The prompt and the answer are the fan-in's {@code prompt.md} and
 * {@code response.md}. Only an id among the candidates counts: an answer naming none (or several, without a
 * {@code best:} line) leaves the choice to the heuristic, with a note saying so. In simulate mode no model is
 * asked: the heuristic chooses.
 */
final class BackendRanker implements LlmRanker {

    /** How much of each branch's last response the model sees. */
    static final int RESPONSE_CHARS = 4_000;

    private static final Pattern BEST = Pattern.compile("(?im)^\\W*best\\W*?:[\\s*`\"']*([A-Za-z0-9_.\\-]+)");

    private final CodergenBackend backend;

    BackendRanker(CodergenBackend backend) {
        this.backend = backend;
    }

    @Override
    public Choice best(StageContext stage, String prompt, List<Map<String, Object>> candidates) throws Exception {
        if (backend.simulates()) {
            return Choice.none("simulated run: no model ranked the branches");
        }
        String full = prompt.replace("$goal", stage.graph().goal()) + "\n\n" + describe(stage.logsRoot(), candidates)
                + "\nAnswer with the id of the best candidate on a line of its own, as `best: <id>`.\n";
        stage.writeFile("prompt.md", full);
        CodergenResult result = backend.run(new StageCall(stage.node(), full, stage.stageDir(), stage.fidelity(),
                stage.threadId(), StageToolHooks.resolve(stage.node(), stage.graph()), stage.events(),
                stage.context(), stage.run()));
        if (result.response().isEmpty()) {
            String why = result.outcome().map(o -> o.failureReason().isEmpty() ? o.notes() : o.failureReason())
                    .orElse("");
            return Choice.none("the model gave no answer" + (why.isEmpty() ? "" : " (" + why + ")"));
        }
        String response = result.response().get();
        stage.writeFile("response.md", response);
        List<String> ids = candidates.stream().map(c -> String.valueOf(c.get("id"))).toList();
        return chosen(response, ids);
    }

    /** The id the answer names: its {@code best:} line, else the only candidate id it mentions. */
    static Choice chosen(String response, List<String> ids) {
        Matcher m = BEST.matcher(response);
        while (m.find()) {
            if (ids.contains(m.group(1))) {
                return new Choice(m.group(1), "the model ranked it best");
            }
        }
        List<String> mentioned = new ArrayList<>();
        for (String id : ids) {
            if (Pattern.compile("(?<![A-Za-z0-9_.\\-])" + Pattern.quote(id) + "(?![A-Za-z0-9_\\-])")
                    .matcher(response).find()) {
                mentioned.add(id);
            }
        }
        if (mentioned.size() == 1) {
            return new Choice(mentioned.get(0), "the model ranked it best");
        }
        return Choice.none(mentioned.isEmpty() ? "the model's answer names no candidate"
                : "the model's answer names several candidates (" + String.join(", ", mentioned)
                        + ") and no `best:` line");
    }

    private static String describe(Path logsRoot, List<Map<String, Object>> candidates) {
        StringBuilder out = new StringBuilder("# Candidates\n");
        for (Map<String, Object> c : candidates) {
            out.append("\n## ").append(c.get("id")).append("\n\n- outcome: ").append(c.get("outcome")).append('\n');
            for (String key : List.of("score", "notes", "failure_reason")) {
                Object v = c.get(key);
                if (v != null && !String.valueOf(v).isEmpty()) {
                    out.append("- ").append(key).append(": ").append(v).append('\n');
                }
            }
            lastResponse(logsRoot, c).ifPresent(r -> out.append("\nIts last response:\n\n").append(r).append('\n'));
        }
        return out.toString();
    }

    /** The response.md of the branch's last completed stage, cut to {@link #RESPONSE_CHARS}. */
    private static java.util.Optional<String> lastResponse(Path logsRoot, Map<String, Object> candidate) {
        if (logsRoot == null || !(candidate.get("completed_nodes") instanceof List<?> nodes) || nodes.isEmpty()) {
            return java.util.Optional.empty();
        }
        String last = String.valueOf(nodes.get(nodes.size() - 1));
        if (!last.matches("[A-Za-z0-9_.\\-]+") || last.startsWith(".")) {
            return java.util.Optional.empty();
        }
        Path file = logsRoot.resolve(last).resolve("response.md");
        try {
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return java.util.Optional.empty();
            }
            String text;
            try (var in = Files.newInputStream(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                text = new String(in.readNBytes(RESPONSE_CHARS * 4), java.nio.charset.StandardCharsets.UTF_8);
            }
            return java.util.Optional.of(text.length() <= RESPONSE_CHARS ? text
                    : text.substring(0, RESPONSE_CHARS) + "\n[cut at " + RESPONSE_CHARS + " characters]");
        } catch (IOException | SecurityException e) {
            return java.util.Optional.empty();
        }
    }
}
