package io.nightshift.runtime.delivery;

import io.nightshift.forge.ForgeClient;
import io.nightshift.forge.ForgeException;
import io.nightshift.forge.ForgeTarget;
import io.nightshift.forge.Forges;
import io.nightshift.forge.PullRequest;
import io.nightshift.forge.PullRequestSpec;
import io.nightshift.workspace.PushOutcome;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Opens or updates the pull request of a run whose branch was pushed. Never throws: what happened is one notice
 * line ({@code pull request: URL ...}, or {@code warning: ...} naming the forge call, its status and what to do).
 */
public final class PullRequestDelivery {

    private final Map<String, String> environment;
    private final Function<ForgeTarget, ForgeClient> clients;

    public PullRequestDelivery(Map<String, String> environment) {
        this(environment, Forges::client);
    }

    PullRequestDelivery(Map<String, String> environment, Function<ForgeTarget, ForgeClient> clients) {
        this.environment = Map.copyOf(environment);
        this.clients = clients;
    }

    /**
     * @param push        what delivery did with the branch; only a {@link PushOutcome.Pushed} branch gets a pull request
     * @param repoUrl     the repository URL the branch was pushed to (credentials removed)
     * @param branch      the run branch, the pull request's head
     * @param ref         the ref the run started from, the pull request's base; null for the repository's default
     * @param runStatus   how the run ended ({@code success}, {@code fail}, ...)
     */
    public void deliver(PullRequestOptions options, PushOutcome push, String repoUrl, String branch, String ref,
            Path runDir, String runId, String runStatus, Consumer<String> notices) {
        if ("cancelled".equals(runStatus)) {
            notices.accept("pull request: not opened yet, the run was cancelled (a resumed run opens it)");
            return;
        }
        if (!(push instanceof PushOutcome.Pushed)) {
            notices.accept("warning: no pull request: the run branch was not pushed to a remote repository (a pull"
                    + " request needs --repo URL of a repository on the forge, and a successful push)");
            return;
        }
        PullRequestBody.Readiness readiness = PullRequestBody.readiness(runDir, runStatus);
        if (!readiness.ready() && options.belowThreshold() == PullRequestOptions.BelowThreshold.SKIP) {
            notices.accept("pull request: none opened (" + String.join("; ", readiness.reasons())
                    + "; below_threshold is skip)");
            return;
        }
        try {
            ForgeTarget target = Forges.target(repoUrl, options.forge(), options.repository(), environment);
            ForgeClient client = clients.apply(target);
            String base = ref != null && !ref.isBlank() ? ref : client.defaultBranch();
            boolean draft = !readiness.ready() && options.belowThreshold() == PullRequestOptions.BelowThreshold.DRAFT;
            PullRequest pr = client.openOrUpdate(new PullRequestSpec(branch, base, PullRequestBody.title(runDir, runId),
                    PullRequestBody.render(runDir, runId, readiness), draft));
            DeliveryFiles.writePullRequest(runDir, pr, target.kind().wireName(), target.repository());
            notices.accept("pull request: " + pr.url() + " (" + target.kind().requestNoun() + " #" + pr.number() + ", "
                    + (pr.created() ? "opened" : "updated") + (pr.draft() ? ", draft" : ", ready for review")
                    + (draft != pr.draft() ? "; a pull request ready for review is not turned back into a draft:"
                            + " change it on the forge if it should be one" : "")
                    + ")");
        } catch (ForgeException e) {
            notices.accept("warning: " + e.getMessage());
        } catch (RuntimeException e) {
            notices.accept("warning: forge: the pull request could not be delivered: " + e.getMessage());
        }
    }
}
