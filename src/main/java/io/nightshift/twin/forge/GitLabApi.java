package io.nightshift.twin.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.twin.dialect.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The GitLab REST API parts Nightshift uses, under {@code /api/v4}: get a project, create, list and update merge
 * requests. A merge request is a draft when its title starts with {@code Draft:}, {@code [Draft]} or
 * {@code (Draft)}. Facts and sources: docs/forge-twins.md.
 */
final class GitLabApi {

    private static final Pattern DRAFT = Pattern.compile("^\\s*(\\[draft\\]|\\(draft\\)|draft:)",
            Pattern.CASE_INSENSITIVE);

    private final ForgeState state;
    private final ForgeRepositories repositories;
    private final String token;
    private final String origin;

    GitLabApi(ForgeState state, ForgeRepositories repositories, String token, String origin) {
        this.state = state;
        this.repositories = repositories;
        this.token = token;
        this.origin = origin;
    }

    /** {@code segments}: the path after {@code /api/v4}, split at '/' and decoded ({@code :id} may hold '/'). */
    ForgeReply serve(String method, List<String> segments, Map<String, String> query, String privateToken,
            String authorization, String body) {
        String presented = privateToken != null ? privateToken
                : authorization == null ? null : authorization.replaceFirst("(?i)^bearer\\s+", "");
        if (presented == null || !presented.equals(token)) {
            return message(401, "401 Unauthorized");
        }
        if (segments.size() < 2 || !segments.get(0).equals("projects")) {
            return message(404, "404 Not Found");
        }
        String project = repositories.project(segments.get(1)).orElse(null);
        if (project == null) {
            return message(404, "404 Project Not Found");
        }
        int projectId = repositories.projectId(project);
        if (segments.size() == 2 && method.equals("GET")) {
            return new ForgeReply(200, Json.object().put("id", projectId).put("path_with_namespace", project)
                    .put("default_branch", repositories.defaultBranch(project).orElse("main"))
                    .put("web_url", origin + "/" + project));
        }
        if (segments.size() < 3 || !segments.get(2).equals("merge_requests")) {
            return message(404, "404 Not Found");
        }
        JsonNode json = Json.parseOrNull(body);
        if (segments.size() == 3) {
            return switch (method) {
                case "POST" -> create(project, projectId, json);
                case "GET" -> list(project, projectId, query);
                default -> message(405, "405 Method Not Allowed");
            };
        }
        if (segments.size() == 4 && segments.get(3).chars().allMatch(Character::isDigit)) {
            int iid = Integer.parseInt(segments.get(3));
            return switch (method) {
                case "PUT" -> update(project, projectId, iid, json);
                case "GET" -> state.find(r -> isHere(r, project) && r.number() == iid).stream().findFirst()
                        .map(r -> new ForgeReply(200, render(r, projectId)))
                        .orElse(message(404, "404 Not found"));
                default -> message(405, "405 Method Not Allowed");
            };
        }
        return message(404, "404 Not Found");
    }

    private ForgeReply create(String project, int projectId, JsonNode json) {
        if (json == null || !json.isObject()) {
            return error("the request body is not JSON");
        }
        for (String field : List.of("source_branch", "target_branch", "title")) {
            if (!json.path(field).isTextual() || json.path(field).asText().isBlank()) {
                return error(field + " is missing");
            }
        }
        String source = json.path("source_branch").asText();
        String target = json.path("target_branch").asText();
        String title = json.path("title").asText();
        List<ForgePullRequest> open = state.find(r -> isHere(r, project) && r.head().equals(source)
                && r.base().equals(target) && r.state().equals("opened"));
        if (!open.isEmpty()) {
            ObjectNode conflict = Json.object();
            conflict.putArray("message").add("Another open merge request already exists for this source branch: !"
                    + open.getFirst().number());
            return new ForgeReply(409, conflict);
        }
        return state.add("gitlab", project, source, target, title, json.path("description").asText(""),
                isDraft(title), "opened", r -> false)
                .map(r -> new ForgeReply(201, render(r, projectId))).orElseThrow();
    }

    private ForgeReply list(String project, int projectId, Map<String, String> query) {
        String wanted = query.getOrDefault("state", "all");
        String source = query.get("source_branch");
        ArrayNode out = Json.array();
        for (ForgePullRequest r : state.find(r -> isHere(r, project))) {
            if ((wanted.equals("all") || r.state().equals(wanted)) && (source == null || r.head().equals(source))) {
                out.add(render(r, projectId));
            }
        }
        return new ForgeReply(200, out);
    }

    private ForgeReply update(String project, int projectId, int iid, JsonNode json) {
        if (json == null || !json.isObject()) {
            return error("the request body is not JSON");
        }
        return state.update("gitlab", project, iid, r -> {
            ForgePullRequest changed = r;
            if (json.path("title").isTextual()) {
                changed = changed.withTitle(json.path("title").asText()).withDraft(isDraft(json.path("title")
                        .asText()));
            }
            if (json.path("description").isTextual()) {
                changed = changed.withBody(json.path("description").asText());
            }
            String event = json.path("state_event").asText("");
            if (event.equals("close")) {
                changed = changed.withState("closed");
            } else if (event.equals("reopen")) {
                changed = changed.withState("opened");
            }
            return changed;
        }).map(r -> new ForgeReply(200, render(r, projectId))).orElse(message(404, "404 Not found"));
    }

    static boolean isDraft(String title) {
        return DRAFT.matcher(title.toLowerCase(Locale.ROOT)).find();
    }

    private static boolean isHere(ForgePullRequest r, String project) {
        return r.forge().equals("gitlab") && r.project().equals(project);
    }

    private ObjectNode render(ForgePullRequest r, int projectId) {
        ObjectNode out = Json.object();
        out.put("id", projectId * 1000 + r.number());
        out.put("iid", r.number());
        out.put("project_id", projectId);
        out.put("title", r.title());
        out.put("description", r.body());
        out.put("state", r.state());
        out.put("draft", r.draft());
        out.put("work_in_progress", r.draft());
        out.put("source_branch", r.head());
        out.put("target_branch", r.base());
        out.put("web_url", origin + "/" + r.project() + "/-/merge_requests/" + r.number());
        return out;
    }

    private static ForgeReply message(int status, String text) {
        return new ForgeReply(status, Json.object().put("message", text));
    }

    private static ForgeReply error(String text) {
        return new ForgeReply(400, Json.object().put("error", text));
    }
}
