package io.nightshift.forge;

import java.net.URI;
import java.util.Objects;

/**
 * Where a pull request goes: the forge, its API base URL ({@code https://api.github.com},
 * {@code https://gitlab.example.com/api/v4}), the token, and the repository as the API names it ({@code OWNER/NAME}
 * on GitHub; the project's path or numeric id on GitLab).
 */
public record ForgeTarget(ForgeKind kind, URI apiUrl, String token, String repository) {

    public ForgeTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(repository, "repository");
        String text = apiUrl.toString();
        if (text.endsWith("/")) {
            apiUrl = URI.create(text.substring(0, text.length() - 1));
        }
    }

    @Override
    public String toString() {
        return "ForgeTarget[" + kind.wireName() + " " + repository + " at " + apiUrl + "]";
    }
}
