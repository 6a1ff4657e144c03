package io.nightshift.runtime.delivery;

import java.util.Locale;

/**
 * A run delivered as a pull or merge request ({@code --pull-request}, a job's {@code "deliver": "pull_request"}).
 *
 * @param forge          {@code github} or {@code gitlab}; null to infer it from the repository URL
 * @param repository     {@code OWNER/NAME} or the GitLab project id; null to take it from the repository URL
 * @param belowThreshold what happens when the run did not succeed or a held-out suite stayed below its threshold
 */
public record PullRequestOptions(String forge, String repository, BelowThreshold belowThreshold) {

    public PullRequestOptions {
        belowThreshold = belowThreshold == null ? BelowThreshold.DRAFT : belowThreshold;
    }

    /** Below the threshold: open it as a draft (default), open it ready anyway, or open none. */
    public enum BelowThreshold {
        DRAFT, OPEN, SKIP;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException naming the accepted values */
        public static BelowThreshold fromName(String name) {
            if (name == null || name.isBlank()) {
                return DRAFT;
            }
            for (BelowThreshold b : values()) {
                if (b.wireName().equals(name.strip().toLowerCase(Locale.ROOT))) {
                    return b;
                }
            }
            throw new IllegalArgumentException("below_threshold '" + name + "' is unknown; use draft, open or skip");
        }
    }
}
