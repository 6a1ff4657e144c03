package io.nightshift.forge;

import java.util.Locale;

/** The forges Nightshift opens pull (GitHub) or merge (GitLab) requests on. */
public enum ForgeKind {
    GITHUB("github", "GITHUB_API_URL", "GITHUB_TOKEN", "https://api.github.com", "pull request"),
    GITLAB("gitlab", "GITLAB_API_URL", "GITLAB_TOKEN", "https://gitlab.com/api/v4", "merge request");

    private final String wireName;
    private final String urlVariable;
    private final String tokenVariable;
    private final String defaultApiUrl;
    private final String requestNoun;

    ForgeKind(String wireName, String urlVariable, String tokenVariable, String defaultApiUrl, String requestNoun) {
        this.wireName = wireName;
        this.urlVariable = urlVariable;
        this.tokenVariable = tokenVariable;
        this.defaultApiUrl = defaultApiUrl;
        this.requestNoun = requestNoun;
    }

    /** {@code github} or {@code gitlab}, as jobs and the CLI name it. */
    public String wireName() {
        return wireName;
    }

    /** The environment variable holding the API's base URL. */
    public String urlVariable() {
        return urlVariable;
    }

    /** The environment variable holding the API token. */
    public String tokenVariable() {
        return tokenVariable;
    }

    /** The public service's API URL, used when {@link #urlVariable()} is unset. */
    public String defaultApiUrl() {
        return defaultApiUrl;
    }

    /** "pull request" or "merge request". */
    public String requestNoun() {
        return requestNoun;
    }

    /** @throws ForgeException naming the accepted values */
    public static ForgeKind fromName(String name) {
        for (ForgeKind k : values()) {
            if (k.wireName.equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new ForgeException("forge kind '" + name + "' is unknown; use github or gitlab", null, 0, false);
    }
}
