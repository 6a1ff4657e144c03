package io.nightshift.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Merge requests over GitLab's REST API: {@code GET /projects/:id/merge_requests?source_branch=..&state=opened} to
 * find the open one, {@code POST /projects/:id/merge_requests} to open it, {@code PUT .../merge_requests/:iid} to
 * update it. A draft is a title starting with {@code Draft: }, which works on create and update alike.
 */
final class GitLabClient implements ForgeClient {

    private static final Pattern DRAFT_PREFIX = Pattern.compile("^\\s*(\\[draft\\]|\\(draft\\)|draft:)\\s*",
            Pattern.CASE_INSENSITIVE);

    private final ForgeHttp http;
    private final String project;

    public GitLabClient(ForgeTarget target, HttpClient client) {
        this.project = URLEncoder.encode(target.repository(), StandardCharsets.UTF_8);
        this.http = new ForgeHttp(client, target, Map.of("PRIVATE-TOKEN", target.token()));
    }

    @Override
    public String defaultBranch() {
        ForgeHttp.Answer answer = http.send("GET", "/projects/" + project, null);
        if (!answer.ok()) {
            throw http.failure(answer, "read the project");
        }
        return answer.body().path("default_branch").asText("main");
    }

    @Override
    public PullRequest openOrUpdate(PullRequestSpec spec) {
        String title = title(spec);
        JsonNode existing = findOpen(spec.head());
        if (existing != null) {
            return update(existing.path("iid").asInt(), title, spec.body());
        }
        ObjectNode body = ForgeHttp.JSON.createObjectNode().put("source_branch", spec.head())
                .put("target_branch", spec.base()).put("title", title).put("description", spec.body());
        ForgeHttp.Answer answer = http.send("POST", mergeRequests(), body);
        if (answer.status() == 409) {
            JsonNode raced = findOpen(spec.head());
            if (raced != null) {
                return update(raced.path("iid").asInt(), title, spec.body());
            }
        }
        if (!answer.ok()) {
            throw http.failure(answer, "open merge requests");
        }
        return read(answer.body(), true);
    }

    /** The title with GitLab's draft marker exactly when the spec asks for a draft. */
    static String title(PullRequestSpec spec) {
        String bare = DRAFT_PREFIX.matcher(spec.title()).replaceFirst("");
        return spec.draft() ? "Draft: " + bare : bare;
    }

    private JsonNode findOpen(String source) {
        String query = "?source_branch=" + URLEncoder.encode(source, StandardCharsets.UTF_8) + "&state=opened";
        ForgeHttp.Answer answer = http.send("GET", mergeRequests() + query, null);
        if (!answer.ok()) {
            throw http.failure(answer, "list merge requests");
        }
        for (JsonNode mr : answer.body()) {
            if (source.equals(mr.path("source_branch").asText(source))) {
                return mr;
            }
        }
        return null;
    }

    private PullRequest update(int iid, String title, String description) {
        ObjectNode body = ForgeHttp.JSON.createObjectNode().put("title", title).put("description", description);
        ForgeHttp.Answer answer = http.send("PUT", mergeRequests() + "/" + iid, body);
        if (!answer.ok()) {
            throw http.failure(answer, "update merge requests");
        }
        return read(answer.body(), false);
    }

    private String mergeRequests() {
        return "/projects/" + project + "/merge_requests";
    }

    private static PullRequest read(JsonNode mr, boolean created) {
        return new PullRequest(mr.path("iid").asInt(), mr.path("web_url").asText(), mr.path("draft").asBoolean(false),
                mr.path("state").asText(), created);
    }
}
