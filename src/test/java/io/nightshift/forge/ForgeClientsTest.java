package io.nightshift.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.twin.forge.ForgePullRequest;
import io.nightshift.twin.forge.ForgeTwin;
import io.nightshift.workspace.GitCli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GitHub and GitLab clients against the forge twin over real HTTP, errors included; the twin's git HTTP too. */
class ForgeClientsTest {

    private static final String TOKEN = "ghp_twinToken0123456789";
    private static final String BRANCH = "nightshift/abc123";

    @TempDir
    Path tmp;

    private ForgeTwin twin;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void startTwinWithARepositoryPushedOverItsGitHttp() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("forge"));
        git(tmp, "init", "-q", "--bare", "-b", "main", root.resolve("acme/app.git").toString());
        twin = ForgeTwin.start(root, TOKEN);
        Path work = Files.createDirectories(tmp.resolve("work"));
        git(work, "init", "-q", "-b", "main");
        Files.writeString(work.resolve("README.md"), "app\n");
        git(work, "add", "-A");
        git(work, "commit", "-q", "-m", "initial");
        git(work, "push", "-q", authed("acme/app"), "main");
        git(work, "checkout", "-q", "-b", BRANCH);
        Files.writeString(work.resolve("feature.txt"), "feature\n");
        git(work, "add", "-A");
        git(work, "commit", "-q", "-m", "feature");
        git(work, "push", "-q", authed("acme/app"), BRANCH);
    }

    @AfterEach
    void stop() {
        twin.close();
    }

    @Test
    void gitHubOpensAPullRequestThenUpdatesTheSameOneOnTheNextCall() {
        ForgeClient client = github(TOKEN);
        assertThat(client.defaultBranch()).isEqualTo("main");

        PullRequest first = client.openOrUpdate(new PullRequestSpec(BRANCH, "main", "Add tally", "first body", false));
        PullRequest second = client.openOrUpdate(new PullRequestSpec(BRANCH, "main", "Add tally", "second body",
                false));

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.number()).isEqualTo(first.number());
        assertThat(first.url()).isEqualTo(twin.baseUrl() + "/acme/app/pull/1");
        assertThat(twin.pullRequests()).containsExactly(new ForgePullRequest("github", "acme/app", 1, BRANCH, "main",
                "Add tally", "second body", false, "open"));
        assertThat(twin.calls()).contains("POST /api/v3/repos/acme/app/pulls 201",
                "PATCH /api/v3/repos/acme/app/pulls/1 200");
    }

    @Test
    void gitHubOpensADraftWhenAsked() {
        PullRequest pr = github(TOKEN).openOrUpdate(new PullRequestSpec(BRANCH, "main", "t", "b", true));

        assertThat(pr.draft()).isTrue();
        assertThat(twin.pullRequests().getFirst().draft()).isTrue();
    }

    @Test
    void gitHubMarksADraftReadyForReviewOverGraphQlOnceItIsReadyAndNeverTurnsItBack() {
        ForgeClient client = github(TOKEN);
        PullRequest draft = client.openOrUpdate(new PullRequestSpec(BRANCH, "main", "t", "below threshold", true));
        PullRequest ready = client.openOrUpdate(new PullRequestSpec(BRANCH, "main", "t", "threshold met", false));
        PullRequest again = client.openOrUpdate(new PullRequestSpec(BRANCH, "main", "t", "below again", true));

        assertThat(draft.draft()).isTrue();
        assertThat(ready.draft()).isFalse();
        assertThat(ready.number()).isEqualTo(draft.number());
        assertThat(again.draft()).as("GitHub is never asked to turn a ready pull request back").isFalse();
        assertThat(twin.pullRequests()).singleElement().satisfies(pr -> {
            assertThat(pr.draft()).isFalse();
            assertThat(pr.body()).isEqualTo("below again");
        });
        assertThat(twin.calls()).filteredOn(c -> c.startsWith("POST /api/graphql")).containsExactly(
                "POST /api/graphql 200");
    }

    @Test
    void gitHubTwinGraphQlAnswersErrorsAsGitHubDoes() throws Exception {
        String mutation = "{\"query\":\"mutation($id: ID!) { markPullRequestReadyForReview(input: {pullRequestId:"
                + " $id}) { pullRequest { isDraft } } }\",\"variables\":{\"id\":\"PR_nope\"}}";
        HttpResponse<String> anonymous = post(twin.baseUrl() + "/api/graphql", mutation, Map.of());
        HttpResponse<String> unknown = post(twin.baseUrl() + "/api/graphql", mutation,
                Map.of("Authorization", "Bearer " + TOKEN));
        HttpResponse<String> other = post(twin.baseUrl() + "/api/graphql", "{\"query\":\"{ viewer { login } }\"}",
                Map.of("Authorization", "Bearer " + TOKEN));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("\"errors\"", "Could not resolve to a node with the global id of 'PR_nope'");
        assertThat(other.body()).contains("\"errors\"", "only the markPullRequestReadyForReview mutation");
    }

    @Test
    void gitHubWithAWrongTokenIsOneLineNamingTheCallTheStatusAndTheVariable() {
        assertThatThrownBy(() -> github("wrong").openOrUpdate(new PullRequestSpec(BRANCH, "main", "t", "b", false)))
                .isInstanceOf(ForgeException.class)
                .hasMessageNotContaining("\n").hasMessageNotContaining(TOKEN)
                .hasMessageContaining("GET " + twin.githubApiUrl() + "/repos/acme/app/pulls?head=")
                .hasMessageContaining("answered 401 (Bad credentials)")
                .hasMessageContaining("set GITHUB_TOKEN");
        assertThat(twin.pullRequests()).isEmpty();
    }

    @Test
    void gitHubRefusesAHeadBranchThatWasNeverPushed() {
        assertThatThrownBy(() -> github(TOKEN).openOrUpdate(new PullRequestSpec("nightshift/never", "main", "t", "b",
                false)))
                .isInstanceOf(ForgeException.class)
                .hasMessageContaining("POST " + twin.githubApiUrl() + "/repos/acme/app/pulls answered 422")
                .hasMessageContaining("head invalid");
    }

    @Test
    void gitHubUnknownRepositoryIs404WithTheRepositoryToCheck() {
        ForgeClient client = Forges.client(new ForgeTarget(ForgeKind.GITHUB, URI.create(twin.githubApiUrl()), TOKEN,
                "acme/nope"));
        assertThatThrownBy(() -> client.openOrUpdate(new PullRequestSpec(BRANCH, "main", "t", "b", false)))
                .isInstanceOf(ForgeException.class).hasMessageContaining("answered 404")
                .hasMessageContaining("check the repository name acme/nope");
    }

    @Test
    void gitHubTwinAnswersAsGitHubDoes401WithoutTokenAnd422ForASecondPullRequestOfTheSameHead() throws Exception {
        String body = "{\"title\":\"t\",\"head\":\"acme:" + BRANCH + "\",\"base\":\"main\",\"body\":\"b\"}";
        HttpResponse<String> anonymous = post(twin.githubApiUrl() + "/repos/acme/app/pulls", body, Map.of());
        HttpResponse<String> first = post(twin.githubApiUrl() + "/repos/acme/app/pulls", body,
                Map.of("Authorization", "Bearer " + TOKEN));
        HttpResponse<String> second = post(twin.githubApiUrl() + "/repos/acme/app/pulls", body,
                Map.of("Authorization", "Bearer " + TOKEN));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"message\":\"Requires authentication\"");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.body()).contains("\"number\":1", "\"html_url\":", "\"state\":\"open\"", "\"draft\":false");
        assertThat(second.statusCode()).isEqualTo(422);
        assertThat(second.body()).contains("Validation Failed", "A pull request already exists for acme:" + BRANCH);
    }

    @Test
    void gitLabOpensADraftMergeRequestAndMarksTheSameOneReadyOnTheNextCall() {
        ForgeClient client = gitlab(TOKEN, "acme/app");
        assertThat(client.defaultBranch()).isEqualTo("main");

        PullRequest draft = client.openOrUpdate(new PullRequestSpec(BRANCH, "main", "Add tally", "first", true));
        PullRequest ready = client.openOrUpdate(new PullRequestSpec(BRANCH, "main", "Add tally", "second", false));

        assertThat(draft.draft()).isTrue();
        assertThat(draft.created()).isTrue();
        assertThat(ready.number()).isEqualTo(draft.number());
        assertThat(ready.draft()).isFalse();
        assertThat(ready.url()).isEqualTo(twin.baseUrl() + "/acme/app/-/merge_requests/1");
        assertThat(twin.pullRequests()).containsExactly(new ForgePullRequest("gitlab", "acme/app", 1, BRANCH, "main",
                "Add tally", "second", false, "opened"));
        assertThat(twin.calls()).contains("POST /api/v4/projects/acme%2Fapp/merge_requests 201",
                "PUT /api/v4/projects/acme%2Fapp/merge_requests/1 200");
    }

    @Test
    void gitLabTakesTheNumericProjectIdToo() {
        int id = twin.gitlabProjectId("acme/app");
        PullRequest mr = gitlab(TOKEN, Integer.toString(id)).openOrUpdate(new PullRequestSpec(BRANCH, "main", "t",
                "b", false));
        assertThat(mr.number()).isEqualTo(1);
        assertThat(twin.pullRequests()).extracting(ForgePullRequest::project).containsExactly("acme/app");
    }

    @Test
    void gitLabWithoutAValidTokenIsOneLineNaming401AndTheVariable() {
        assertThatThrownBy(() -> gitlab("wrong", "acme/app").openOrUpdate(new PullRequestSpec(BRANCH, "main", "t",
                "b", false)))
                .isInstanceOf(ForgeException.class).hasMessageNotContaining("\n")
                .hasMessageContaining("answered 401 (401 Unauthorized)").hasMessageContaining("set GITLAB_TOKEN");
    }

    @Test
    void gitLabTwinAnswers409ForASecondMergeRequestOfTheSameSourceBranch() throws Exception {
        String body = "{\"source_branch\":\"" + BRANCH + "\",\"target_branch\":\"main\",\"title\":\"t\"}";
        String url = twin.gitlabApiUrl() + "/projects/acme%2Fapp/merge_requests";
        HttpResponse<String> anonymous = post(url, body, Map.of());
        HttpResponse<String> first = post(url, body, Map.of("PRIVATE-TOKEN", TOKEN));
        HttpResponse<String> second = post(url, body, Map.of("PRIVATE-TOKEN", TOKEN));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.body()).contains("\"iid\":1", "\"web_url\":", "\"state\":\"opened\"");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("Another open merge request already exists for this source branch: !1");
    }

    @Test
    void gitOverTheTwinNeedsTheTokenAndServesWhatWasPushed() {
        GitCli.Result anonymous = GitCli.run(tmp, "ls-remote", twin.gitUrl("acme/app"));
        GitCli.Result cloned = GitCli.run(tmp, "clone", "-q", "-b", BRANCH, authed("acme/app"),
                tmp.resolve("clone").toString());

        assertThat(anonymous.exit()).isNotZero();
        assertThat(cloned.exit()).as(cloned.err()).isZero();
        assertThat(tmp.resolve("clone/feature.txt")).hasContent("feature");
    }

    @Test
    void theForgeIsInferredFromTheUrlOrTheOnlyConfiguredForge() {
        Map<String, String> env = Map.of("GITHUB_TOKEN", "t", "GITLAB_TOKEN", "u");
        ForgeTarget github = Forges.target("https://github.com/acme/app.git", null, null, env);
        ForgeTarget gitlab = Forges.target("https://gitlab.example.com/group/sub/app.git", null, null, env);
        ForgeTarget twinned = Forges.target(twin.gitUrl("acme/app"), null, null,
                Map.of("GITLAB_API_URL", twin.gitlabApiUrl(), "GITLAB_TOKEN", "u"));

        assertThat(github).isEqualTo(new ForgeTarget(ForgeKind.GITHUB, URI.create("https://api.github.com"), "t",
                "acme/app"));
        assertThat(gitlab).isEqualTo(new ForgeTarget(ForgeKind.GITLAB,
                URI.create("https://gitlab.example.com/api/v4"), "u", "group/sub/app"));
        assertThat(twinned.kind()).isEqualTo(ForgeKind.GITLAB);
        assertThat(twinned.repository()).isEqualTo("acme/app");
        assertThatThrownBy(() -> Forges.target("http://127.0.0.1:1/acme/app.git", null, null, env))
                .hasMessageContaining("cannot tell whether").hasMessageContaining("forge.kind");
        assertThatThrownBy(() -> Forges.target("https://github.com/acme/app.git", null, null, Map.of()))
                .hasMessageContaining("GITHUB_TOKEN is not set");
    }

    private ForgeClient github(String token) {
        return Forges.client(new ForgeTarget(ForgeKind.GITHUB, URI.create(twin.githubApiUrl()), token, "acme/app"));
    }

    private ForgeClient gitlab(String token, String project) {
        return Forges.client(new ForgeTarget(ForgeKind.GITLAB, URI.create(twin.gitlabApiUrl()), token, project));
    }

    private String authed(String path) {
        return twin.gitUrl(path).replace("http://", "http://x-access-token:" + TOKEN + "@");
    }

    private HttpResponse<String> post(String url, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void git(Path dir, String... args) {
        GitCli.Result r = GitCli.run(dir, args);
        assertThat(r.exit()).as("git %s: %s", String.join(" ", args), r.err()).isZero();
    }
}
