package io.nightshift.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Pull requests over GitHub's REST API: {@code GET /repos/{owner}/{repo}/pulls?head=owner:branch&state=open} to
 * find the open one, {@code POST .../pulls} to open it, {@code PATCH .../pulls/{number}} to update its title and
 * body. The REST update has no draft field: a draft that is now ready for review is marked so with GraphQL's
 * {@code markPullRequestReadyForReview} mutation ({@code POST /graphql}, {@code /api/graphql} on GitHub Enterprise).
 * A ready pull request is never turned back into a draft (docs/forge-twins.md).
 */
final class GitHubClient implements ForgeClient {

    private final ForgeTarget target;
    private final ForgeHttp http;
    private final String owner;

    public GitHubClient(ForgeTarget target, HttpClient client) {
        if (target.repository().split("/").length != 2) {
            throw new ForgeException("forge: the GitHub repository must be OWNER/NAME, not '" + target.repository()
                    + "'; set forge.repository", null, 0, false);
        }
        this.target = target;
        this.owner = target.repository().substring(0, target.repository().indexOf('/'));
        this.http = new ForgeHttp(client, target, Map.of("Authorization", "Bearer " + target.token(),
                "Accept", "application/vnd.github+json", "X-GitHub-Api-Version", "2022-11-28"));
    }

    @Override
    public String defaultBranch() {
        ForgeHttp.Answer answer = http.send("GET", "/repos/" + target.repository(), null);
        if (!answer.ok()) {
            throw http.failure(answer, "read the repository");
        }
        return answer.body().path("default_branch").asText("main");
    }

    @Override
    public PullRequest openOrUpdate(PullRequestSpec spec) {
        JsonNode existing = findOpen(spec.head());
        if (existing != null) {
            return update(existing.path("number").asInt(), spec);
        }
        ObjectNode body = ForgeHttp.JSON.createObjectNode().put("title", spec.title()).put("head", spec.head())
                .put("base", spec.base()).put("body", spec.body()).put("draft", spec.draft());
        ForgeHttp.Answer answer = http.send("POST", pulls(), body);
        if (answer.status() == 422 && ForgeHttp.said(answer.body()).contains("already exists")) {
            // opened by someone else between our look and our post: update that one
            JsonNode raced = findOpen(spec.head());
            if (raced != null) {
                return update(raced.path("number").asInt(), spec);
            }
        }
        if (!answer.ok()) {
            throw http.failure(answer, "open pull requests");
        }
        return read(answer.body(), true);
    }

    private JsonNode findOpen(String head) {
        String query = "?head=" + URLEncoder.encode(owner + ":" + head, StandardCharsets.UTF_8) + "&state=open";
        ForgeHttp.Answer answer = http.send("GET", pulls() + query, null);
        if (!answer.ok()) {
            throw http.failure(answer, "list pull requests");
        }
        for (JsonNode pr : answer.body()) {
            if (head.equals(pr.path("head").path("ref").asText(head))) {
                return pr;
            }
        }
        return null;
    }

    private PullRequest update(int number, PullRequestSpec spec) {
        ObjectNode body = ForgeHttp.JSON.createObjectNode().put("title", spec.title()).put("body", spec.body());
        ForgeHttp.Answer answer = http.send("PATCH", pulls() + "/" + number, body);
        if (!answer.ok()) {
            throw http.failure(answer, "update pull requests");
        }
        PullRequest updated = read(answer.body(), false);
        if (updated.draft() && !spec.draft()) {
            markReady(answer.body().path("node_id").asText(""));
            return new PullRequest(updated.number(), updated.url(), false, updated.state(), false);
        }
        return updated;
    }

    /** GraphQL's {@code markPullRequestReadyForReview}: REST cannot take a pull request out of draft. */
    private void markReady(String nodeId) {
        ObjectNode request = ForgeHttp.JSON.createObjectNode().put("query", READY_FOR_REVIEW);
        request.putObject("variables").put("id", nodeId);
        ForgeHttp.Answer answer = http.sendTo("POST", graphqlUrl(), request);
        if (!answer.ok()) {
            throw http.failure(answer, "mark pull requests ready for review");
        }
        // GraphQL answers 200 with "errors" when the mutation itself failed
        JsonNode errors = answer.body().path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            throw new ForgeException("forge: " + answer.call() + " (markPullRequestReadyForReview) failed: "
                    + ForgeHttp.said(ForgeHttp.JSON.createObjectNode().set("message", messages(errors)))
                    + "; the token in GITHUB_TOKEN needs write access to pull requests; or mark it ready on GitHub",
                    answer.call(), answer.status(), false);
        }
        if (answer.body().path("data").path("markPullRequestReadyForReview").path("pullRequest").path("isDraft")
                .asBoolean(true)) {
            throw new ForgeException("forge: " + answer.call() + " (markPullRequestReadyForReview) left the pull"
                    + " request a draft; mark it ready on GitHub", answer.call(), answer.status(), false);
        }
    }

    private static JsonNode messages(JsonNode errors) {
        com.fasterxml.jackson.databind.node.ArrayNode out = ForgeHttp.JSON.createArrayNode();
        errors.forEach(e -> out.add(e.path("message").asText(e.toString())));
        return out;
    }

    /** {@code https://api.github.com/graphql}; GitHub Enterprise's {@code https://HOST/api/v3} has it at {@code /api/graphql}. */
    private java.net.URI graphqlUrl() {
        String api = target.apiUrl().toString().replaceAll("/+$", "");
        return java.net.URI.create(api.endsWith("/api/v3") ? api.substring(0, api.length() - "v3".length()) + "graphql"
                : api + "/graphql");
    }

    private static final String READY_FOR_REVIEW = "mutation($id: ID!) { markPullRequestReadyForReview(input:"
            + " {pullRequestId: $id}) { pullRequest { number isDraft url } } }";

    private String pulls() {
        return "/repos/" + target.repository() + "/pulls";
    }

    private static PullRequest read(JsonNode pr, boolean created) {
        return new PullRequest(pr.path("number").asInt(), pr.path("html_url").asText(),
                pr.path("draft").asBoolean(false), pr.path("state").asText(), created);
    }
}
