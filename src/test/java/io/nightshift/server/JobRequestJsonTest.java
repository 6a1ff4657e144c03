package io.nightshift.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.runtime.delivery.PullRequestOptions;
import io.nightshift.runtime.service.InvalidSubmissionException;
import org.junit.jupiter.api.Test;

/** The job body's delivery fields: branch by default, a pull request with an optional forge, clear refusals. */
class JobRequestJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JobRequestJson parse(String json) throws Exception {
        return JSON.readValue(json, JobRequestJson.class);
    }

    @Test
    void aJobIsDeliveredAsABranchUnlessItAsksForAPullRequest() throws Exception {
        assertThat(parse("{\"goal\":\"g\"}").toRequest().pullRequest()).isNull();
        assertThat(parse("{\"deliver\":\"branch\"}").toRequest().pullRequest()).isNull();
        assertThat(parse("{\"deliver\":\"pull_request\",\"forge\":{\"kind\":\"gitlab\",\"repository\":\"42\"},"
                + "\"below_threshold\":\"skip\"}").toRequest().pullRequest())
                .isEqualTo(new PullRequestOptions("gitlab", "42", PullRequestOptions.BelowThreshold.SKIP));
        assertThat(parse("{\"deliver\":\"pull_request\"}").toRequest().pullRequest())
                .isEqualTo(new PullRequestOptions(null, null, PullRequestOptions.BelowThreshold.DRAFT));
    }

    @Test
    void unknownDeliveriesForgesAndPoliciesAreRefusedNamingTheAcceptedValues() throws Exception {
        assertThatThrownBy(() -> parse("{\"deliver\":\"email\"}").toRequest())
                .isInstanceOf(InvalidSubmissionException.class).hasMessageContaining("use \"branch\"");
        assertThatThrownBy(() -> parse("{\"deliver\":\"pull_request\",\"forge\":{\"kind\":\"bitbucket\"}}")
                .toRequest()).hasMessageContaining("use \"github\" or \"gitlab\"");
        assertThatThrownBy(() -> parse("{\"deliver\":\"pull_request\",\"below_threshold\":\"maybe\"}").toRequest())
                .hasMessageContaining("use draft, open or skip");
        assertThatThrownBy(() -> parse("{\"forge\":{\"kind\":\"github\"}}").toRequest())
                .hasMessageContaining("go with \"deliver\": \"pull_request\"");
    }
}
