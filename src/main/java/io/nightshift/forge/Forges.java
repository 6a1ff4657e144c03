package io.nightshift.forge;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Finds the forge of a repository URL and makes its client. */
public final class Forges {

    private Forges() {
    }

    /** A client for {@code target} on a fresh JDK HTTP client (HTTP/1.1, 30 s connect timeout). */
    public static ForgeClient client(ForgeTarget target) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        return switch (target.kind()) {
            case GITHUB -> new GitHubClient(target, http);
            case GITLAB -> new GitLabClient(target, http);
        };
    }

    /**
     * Where the pull request of a run on {@code repositoryUrl} goes. {@code kind} and {@code repository} (a job's
     * {@code forge} object, the CLI's {@code --forge} options) win when given; else the kind comes from the host
     * ({@code github}, {@code gitlab} in its name) or from the only forge configured in {@code env}, and the
     * repository from the URL's path. The API URL comes from {@code GITHUB_API_URL} / {@code GITLAB_API_URL}, else
     * the public service's (or {@code /api/v3}, {@code /api/v4} on the repository's host); the token from
     * {@code GITHUB_TOKEN} / {@code GITLAB_TOKEN}.
     *
     * @throws ForgeException when the forge cannot be told, the repository is unnamed or the token is missing
     */
    public static ForgeTarget target(String repositoryUrl, String kind, String repository, Map<String, String> env) {
        URI url = parse(repositoryUrl);
        String host = url == null || url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        ForgeKind forge = kind != null && !kind.isBlank() ? ForgeKind.fromName(kind) : guess(host, env, repositoryUrl);
        String name = repository != null && !repository.isBlank() ? repository.strip() : pathOf(url);
        if (name == null || name.isBlank()) {
            throw new ForgeException("forge: cannot tell the repository's name on " + forge.wireName() + " from "
                    + repositoryUrl + "; give forge.repository (OWNER/NAME or the project id)", null, 0, false);
        }
        String token = env.get(forge.tokenVariable());
        if (token == null || token.isBlank()) {
            throw new ForgeException("forge: " + forge.tokenVariable() + " is not set; a " + forge.requestNoun()
                    + " on " + forge.wireName() + " needs a token allowed to open it", null, 0, false);
        }
        String api = env.get(forge.urlVariable());
        if (api == null || api.isBlank()) {
            api = defaultApi(forge, url, host);
        }
        return new ForgeTarget(forge, URI.create(api.strip()), token, name);
    }

    private static ForgeKind guess(String host, Map<String, String> env, String repositoryUrl) {
        if (host.contains("github")) {
            return ForgeKind.GITHUB;
        }
        if (host.contains("gitlab")) {
            return ForgeKind.GITLAB;
        }
        boolean github = present(env, "GITHUB_API_URL");
        boolean gitlab = present(env, "GITLAB_API_URL");
        if (github != gitlab) {
            return github ? ForgeKind.GITHUB : ForgeKind.GITLAB;
        }
        throw new ForgeException("forge: cannot tell whether " + repositoryUrl + " is on GitHub or GitLab; give the"
                + " job's forge.kind (or --forge github|gitlab)", null, 0, false);
    }

    private static String defaultApi(ForgeKind forge, URI url, String host) {
        if (host.isEmpty() || host.equals("github.com") || host.equals("gitlab.com")) {
            return forge.defaultApiUrl();
        }
        String origin = url.getScheme() + "://" + url.getRawAuthority().replaceFirst("^[^@]*@", "");
        return origin + (forge == ForgeKind.GITHUB ? "/api/v3" : "/api/v4");
    }

    private static String pathOf(URI url) {
        if (url == null || url.getPath() == null) {
            return null;
        }
        String path = url.getPath().replaceAll("^/+", "").replaceAll("/+$", "");
        return path.endsWith(".git") ? path.substring(0, path.length() - 4) : path;
    }

    private static URI parse(String repositoryUrl) {
        if (repositoryUrl == null) {
            return null;
        }
        try {
            URI url = URI.create(repositoryUrl);
            return url.getScheme() == null ? null : url;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean present(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
