package io.nightshift.twin.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.twin.dialect.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GitHub REST API parts Nightshift uses, under {@code /api/v3} (GitHub Enterprise's layout): get a repository,
 * create, list and update pull requests; and of the GraphQL API ({@code POST /api/graphql}) the one mutation REST
 * lacks, {@code markPullRequestReadyForReview}. Facts and sources: docs/forge-twins.md.
 */
final class GitHubApi {

    static final String DOCS = "https://docs.github.com/rest/pulls/pulls";

    private final ForgeState state;
    private final ForgeRepositories repositories;
    private final String token;
    private final String origin;

    GitHubApi(ForgeState state, ForgeRepositories repositories, String token, String origin) {
        this.state = state;
        this.repositories = repositories;
        this.token = token;
        this.origin = origin;
    }

    /** {@code segments}: the path after {@code /api/v3}, split at '/'. */
    ForgeReply serve(String method, List<String> segments, Map<String, String> query, String authorization,
            String body) {
        if (authorization == null || authorization.isBlank()) {
            return error(401, "Requires authentication");
        }
        String presented = authorization.replaceFirst("(?i)^(bearer|token)\\s+", "");
        if (!presented.equals(token)) {
            return error(401, "Bad credentials");
        }
        if (segments.size() < 3 || !segments.get(0).equals("repos")) {
            return error(404, "Not Found");
        }
        String project = segments.get(1) + "/" + segments.get(2);
        if (repositories.directory(project).isEmpty()) {
            return error(404, "Not Found");
        }
        if (segments.size() == 3 && method.equals("GET")) {
            ObjectNode repo = Json.object().put("full_name", project)
                    .put("default_branch", repositories.defaultBranch(project).orElse("main"))
                    .put("html_url", origin + "/" + project);
            return new ForgeReply(200, repo);
        }
        if (segments.size() < 4 || !segments.get(3).equals("pulls")) {
            return error(404, "Not Found");
        }
        JsonNode json = Json.parseOrNull(body);
        if (segments.size() == 4) {
            return switch (method) {
                case "POST" -> create(project, json);
                case "GET" -> list(project, query);
                default -> error(404, "Not Found");
            };
        }
        if (segments.size() == 5 && segments.get(4).chars().allMatch(Character::isDigit)) {
            int number = Integer.parseInt(segments.get(4));
            return switch (method) {
                case "PATCH" -> update(project, number, json);
                case "GET" -> state.find(r -> isHere(r, project) && r.number() == number).stream().findFirst()
                        .map(r -> new ForgeReply(200, render(r))).orElse(error(404, "Not Found"));
                default -> error(404, "Not Found");
            };
        }
        return error(404, "Not Found");
    }

    /**
     * {@code POST /api/graphql}: only {@code markPullRequestReadyForReview(input: {pullRequestId})}, the id given as
     * a variable or inline. As GitHub does, a query that fails answers 200 with {@code errors}; a missing or wrong
     * token 401.
     */
    ForgeReply graphql(String authorization, String body) {
        if (authorization == null || authorization.isBlank()) {
            return error(401, "This endpoint requires you to be authenticated.");
        }
        if (!authorization.replaceFirst("(?i)^(bearer|token)\\s+", "").equals(token)) {
            return error(401, "Bad credentials");
        }
        JsonNode json = Json.parseOrNull(body);
        if (json == null || !json.path("query").isTextual()) {
            return graphqlError("Problems parsing JSON");
        }
        String query = json.path("query").asText();
        if (!query.contains("markPullRequestReadyForReview")) {
            return graphqlError("the forge twin answers only the markPullRequestReadyForReview mutation");
        }
        java.util.regex.Matcher variable = java.util.regex.Pattern.compile("pullRequestId:\\s*\\$(\\w+)")
                .matcher(query);
        java.util.regex.Matcher inline = java.util.regex.Pattern.compile("pullRequestId:\\s*\"([^\"]*)\"")
                .matcher(query);
        String id = variable.find() ? json.path("variables").path(variable.group(1)).asText("")
                : inline.find() ? inline.group(1) : "";
        if (id.isEmpty()) {
            return graphqlError("Argument 'pullRequestId' on InputObject 'MarkPullRequestReadyForReviewInput' is"
                    + " required. Expected type ID!");
        }
        Optional<ForgePullRequest> found = state.find(r -> r.forge().equals("github") && nodeId(r).equals(id))
                .stream().findFirst();
        if (found.isEmpty()) {
            return graphqlError("Could not resolve to a node with the global id of '" + id + "'");
        }
        ForgePullRequest pr = found.get();
        ForgePullRequest ready = state.update("github", pr.project(), pr.number(), r -> r.withDraft(false))
                .orElse(pr);
        ObjectNode out = Json.object();
        out.putObject("data").putObject("markPullRequestReadyForReview").putObject("pullRequest")
                .put("number", ready.number()).put("isDraft", ready.draft())
                .put("url", origin + "/" + ready.project() + "/pull/" + ready.number());
        return new ForgeReply(200, out);
    }

    private static ForgeReply graphqlError(String message) {
        ObjectNode out = Json.object();
        out.putArray("errors").addObject().put("message", message);
        return new ForgeReply(200, out);
    }

    private static String nodeId(ForgePullRequest r) {
        return "PR_twin_" + r.project().replace('/', '_') + "_" + r.number();
    }

    private ForgeReply create(String project, JsonNode json) {
        if (json == null || !json.isObject()) {
            return error(400, "Problems parsing JSON");
        }
        for (String field : List.of("head", "base")) {
            if (!json.path(field).isTextual() || json.path(field).asText().isBlank()) {
                return invalid("missing_field", field, null);
            }
        }
        String head = branchOf(json.path("head").asText());
        String base = json.path("base").asText();
        if (!repositories.hasBranch(project, head)) {
            return invalid("invalid", "head", null);
        }
        if (!repositories.hasBranch(project, base)) {
            return invalid("invalid", "base", null);
        }
        String title = json.path("title").asText("");
        if (title.isBlank()) {
            return invalid("missing_field", "title", null);
        }
        String owner = project.substring(0, project.indexOf('/'));
        return state.add("github", project, head, base, title, json.path("body").asText(""),
                json.path("draft").asBoolean(false), "open",
                r -> isHere(r, project) && r.head().equals(head) && r.base().equals(base) && r.state().equals("open"))
                .map(r -> new ForgeReply(201, render(r)))
                .orElse(invalid("custom", null, "A pull request already exists for " + owner + ":" + head + "."));
    }

    private ForgeReply list(String project, Map<String, String> query) {
        String wanted = query.getOrDefault("state", "open");
        String head = query.get("head");
        ArrayNode out = Json.array();
        for (ForgePullRequest r : state.find(r -> isHere(r, project))) {
            boolean stateMatches = wanted.equals("all") || r.state().equals(wanted);
            // GitHub filters by "user:ref-name"; the twin's repositories all belong to their owner
            boolean headMatches = head == null || head.equals(project.substring(0, project.indexOf('/')) + ":"
                    + r.head());
            if (stateMatches && headMatches) {
                out.add(render(r));
            }
        }
        return new ForgeReply(200, out);
    }

    /** PATCH takes title, body, state and base; {@code draft} is not among them and is ignored, as GitHub does. */
    private ForgeReply update(String project, int number, JsonNode json) {
        if (json == null || !json.isObject()) {
            return error(400, "Problems parsing JSON");
        }
        if (json.has("state") && !List.of("open", "closed").contains(json.path("state").asText())) {
            return invalid("invalid", "state", null);
        }
        return state.update("github", project, number, r -> {
            ForgePullRequest changed = r;
            if (json.path("title").isTextual()) {
                changed = changed.withTitle(json.path("title").asText());
            }
            if (json.path("body").isTextual()) {
                changed = changed.withBody(json.path("body").asText());
            }
            if (json.path("state").isTextual()) {
                changed = changed.withState(json.path("state").asText());
            }
            return changed;
        }).map(r -> new ForgeReply(200, render(r))).orElse(error(404, "Not Found"));
    }

    private static boolean isHere(ForgePullRequest r, String project) {
        return r.forge().equals("github") && r.project().equals(project);
    }

    /** {@code head} may be {@code branch} or {@code owner:branch}. */
    private static String branchOf(String head) {
        int colon = head.indexOf(':');
        return colon < 0 ? head : head.substring(colon + 1);
    }

    private ObjectNode render(ForgePullRequest r) {
        ObjectNode out = Json.object();
        out.put("number", r.number());
        out.put("url", origin + "/api/v3/repos/" + r.project() + "/pulls/" + r.number());
        out.put("html_url", origin + "/" + r.project() + "/pull/" + r.number());
        out.put("node_id", nodeId(r));
        out.put("state", r.state());
        out.put("draft", r.draft());
        out.put("title", r.title());
        out.put("body", r.body());
        out.putObject("head").put("ref", r.head()).put("label", r.project().substring(0, r.project().indexOf('/'))
                + ":" + r.head());
        out.putObject("base").put("ref", r.base());
        return out;
    }

    private static ForgeReply error(int status, String message) {
        return new ForgeReply(status, Json.object().put("message", message).put("documentation_url", DOCS)
                .put("status", Integer.toString(status)));
    }

    /** 422 Validation Failed with one error, as GitHub reports it. */
    private static ForgeReply invalid(String code, String field, String message) {
        ObjectNode body = Json.object().put("message", "Validation Failed");
        ObjectNode error = body.putArray("errors").addObject().put("resource", "PullRequest").put("code", code);
        if (field != null) {
            error.put("field", field);
        }
        if (message != null) {
            error.put("message", message);
        }
        body.put("documentation_url", DOCS + "#create-a-pull-request").put("status", "422");
        return new ForgeReply(422, body);
    }
}
