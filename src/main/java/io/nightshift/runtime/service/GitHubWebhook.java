package io.nightshift.runtime.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.event.Trigger;
import io.nightshift.pipeline.run.Json;
import io.nightshift.runtime.delivery.PullRequestOptions;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /hooks/github} (issue 17): a signed {@code issues} delivery whose issue carries the configured label
 * ({@code labeled} with it, or {@code opened} with it) becomes a job on the event's {@code repository.clone_url},
 * its goal the issue's title and text. The job is only queued here (cloning happens in the job). Every delivery
 * answered is remembered by its {@code X-GitHub-Delivery} id in the {@link TriggerStore}, so a replay starts nothing,
 * even after a restart; a delivery whose job could not be queued is given back, so GitHub may deliver it again.
 * Plain Java; thread-safe.
 */
public final class GitHubWebhook {

    private final GitHubHookSettings settings;
    private final JobIntake intake;
    private final SubmissionGate gate;
    private final RunRegistry registry;
    private final TriggerStore store;
    private final Clock clock;

    public GitHubWebhook(GitHubHookSettings settings, JobIntake intake, SubmissionGate gate, RunRegistry registry,
            TriggerStore store, Clock clock) {
        this.settings = settings;
        this.intake = intake;
        this.gate = gate;
        this.registry = registry;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Answers one delivery.
     *
     * @param event the {@code X-GitHub-Event} header
     * @param deliveryId the {@code X-GitHub-Delivery} header
     * @param signature the {@code X-Hub-Signature-256} header
     * @param body the raw body, exactly as received (the signature covers these bytes)
     * @throws InvalidSubmissionException when the job is refused (unknown pipeline, simulation not allowed, ...)
     * @throws QueueStoreException when the delivery or the job cannot be recorded
     */
    public HookOutcome receive(String event, String deliveryId, String signature, byte[] body) {
        if (!settings.enabled()) {
            return new HookOutcome.Unauthorized("GitHub webhooks are off on this service: set"
                    + " nightshift.hooks.github.secret (NIGHTSHIFT_HOOKS_GITHUB_SECRET) to the webhook's secret");
        }
        if (!GitHubSignature.verify(settings.secret(), body, signature)) {
            return new HookOutcome.Unauthorized("X-Hub-Signature-256 is " + (signature == null ? "missing" : "wrong")
                    + ": it must be sha256=<HMAC-SHA256 of the body under the webhook's secret>; check that the"
                    + " secret on GitHub matches nightshift.hooks.github.secret");
        }
        if (deliveryId == null || !TriggerStore.SAFE_NAME.matcher(deliveryId).matches()) {
            return new HookOutcome.Malformed("X-GitHub-Delivery is " + (deliveryId == null ? "missing" : "not a"
                    + " delivery id (letters, digits, '-', '_', '.')") + ": replays are refused by this id");
        }
        JsonNode payload;
        try {
            payload = Json.mapper().readTree(body);
        } catch (IOException e) {
            return new HookOutcome.Malformed("the body is not JSON; set the webhook's content type to"
                    + " application/json");
        }
        if (payload == null || !payload.isObject()) {
            return new HookOutcome.Malformed("the body is not a JSON object");
        }
        Optional<TriggerStore.Delivery> earlier = store.claimDelivery(deliveryId, clock.instant());
        if (earlier.isPresent()) {
            return new HookOutcome.Replayed(deliveryId, earlier.get().runId());
        }
        try {
            HookOutcome outcome = answer(event, deliveryId, payload);
            store.settleDelivery(switch (outcome) {
                case HookOutcome.Accepted a -> new TriggerStore.Delivery(deliveryId, clock.instant(), a.runId(), null);
                case HookOutcome.Ignored i -> new TriggerStore.Delivery(deliveryId, clock.instant(), null, i.reason());
                case HookOutcome.Malformed m -> new TriggerStore.Delivery(deliveryId, clock.instant(), null,
                        m.message());
                case HookOutcome.Unauthorized u -> throw new IllegalStateException(u.message());
                case HookOutcome.Replayed r -> throw new IllegalStateException(r.deliveryId());
            });
            return outcome;
        } catch (RuntimeException e) {
            store.releaseDelivery(deliveryId);
            throw e;
        }
    }

    private HookOutcome answer(String event, String deliveryId, JsonNode payload) {
        if ("ping".equals(event)) {
            return new HookOutcome.Ignored(deliveryId, "ping: the webhook reaches nightshift; issues labelled '"
                    + settings.label() + "' will start jobs");
        }
        if (!"issues".equals(event)) {
            return new HookOutcome.Ignored(deliveryId, "event '" + event + "' starts no job; only 'issues' events"
                    + " (labeled '" + settings.label() + "', or opened with it) do");
        }
        String action = payload.path("action").asText("");
        JsonNode issue = payload.path("issue");
        boolean asked = switch (action) {
            case "labeled" -> settings.label().equalsIgnoreCase(payload.path("label").path("name").asText(""));
            case "opened" -> hasLabel(issue);
            default -> false;
        };
        if (!asked) {
            return new HookOutcome.Ignored(deliveryId, action.equals("labeled") || action.equals("opened")
                    ? "the issue is not labelled '" + settings.label() + "' by this event"
                    : "action '" + action + "' starts no job; only 'labeled' (with '" + settings.label()
                            + "') and 'opened' (with that label) do");
        }
        if (issue.path("state").asText("open").equals("closed")) {
            return new HookOutcome.Ignored(deliveryId, "the issue is closed");
        }
        JsonNode repository = payload.path("repository");
        String fullName = repository.path("full_name").asText("");
        if (!settings.repositories().isEmpty() && settings.repositories().stream()
                .noneMatch(r -> r.equalsIgnoreCase(fullName))) {
            return new HookOutcome.Ignored(deliveryId, "repository '" + fullName + "' is not one of"
                    + " nightshift.hooks.github.repositories " + settings.repositories());
        }
        String cloneUrl = repository.path("clone_url").asText("");
        String title = issue.path("title").asText("").strip();
        if (cloneUrl.isBlank() || !cloneUrl.contains("://")) {
            return new HookOutcome.Malformed("the event has no repository.clone_url to clone (a URL)");
        }
        if (title.isBlank()) {
            return new HookOutcome.Malformed("the event's issue has no title to take as the goal");
        }
        String text = issue.path("body").asText("").strip();
        String goal = text.isEmpty() ? title : title + "\n\n" + text;
        PullRequestOptions pullRequest = settings.deliver().equals("pull_request")
                ? new PullRequestOptions("github", fullName.isBlank() ? null : fullName, null) : null;
        JobRequest job = new JobRequest(cloneUrl, null, goal, settings.pipeline(), null, settings.sandbox(),
                settings.model(), settings.simulate(), settings.autoApprove(), Map.of(), false, settings.provider(),
                pullRequest, null);
        RunSubmission submission = intake.toSubmission(job)
                .withTrigger(Trigger.webhook(deliveryId, issue.path("html_url").asText(null)));
        gate.check(submission);
        ManagedRun run = registry.submit(submission, settings.owner());
        return new HookOutcome.Accepted(run.id(), deliveryId);
    }

    private boolean hasLabel(JsonNode issue) {
        for (JsonNode label : issue.path("labels")) {
            if (settings.label().equalsIgnoreCase(label.path("name").asText(""))) {
                return true;
            }
        }
        return false;
    }
}
