package io.nightshift.runtime.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.forge.PullRequest;
import io.nightshift.pipeline.run.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code delivery.json} (how the run is delivered, written when it starts) and {@code pull_request.json} (the pull
 * request it got) in the run directory, both out of the agent's reach. Written atomically.
 */
public final class DeliveryFiles {

    public static final String DELIVERY = "delivery.json";
    public static final String PULL_REQUEST = "pull_request.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeliveryFiles() {
    }

    /** The pull request a run got: its page and number (GitHub {@code number}, GitLab {@code iid}). */
    public record Recorded(String url, int number, boolean draft, String forge, String repository) {
    }

    public static void writeOptions(Path runDir, PullRequestOptions options) {
        ObjectNode node = JSON.createObjectNode().put("deliver", "pull_request");
        ObjectNode forge = node.putObject("forge");
        forge.put("kind", options.forge()).put("repository", options.repository());
        node.put("below_threshold", options.belowThreshold().wireName());
        AtomicFiles.writeString(runDir.resolve(DELIVERY), node.toPrettyString(), true);
    }

    /**
     * Delivery ended (the pull request was opened or updated, or the forge's refusal reported): a service that
     * restarts after this leaves the run's delivery alone. A run that starts or resumes clears it (writeOptions).
     */
    public static void markDelivered(Path runDir) {
        read(runDir.resolve(DELIVERY)).filter(ObjectNode.class::isInstance).ifPresent(n -> AtomicFiles.writeString(
                runDir.resolve(DELIVERY), ((ObjectNode) n).put("delivered", true).toPrettyString(), true));
    }

    /**
     * The run asked for a pull request and its delivery never ended: the service stopped between the end of the
     * engine and the forge's answer, so a restarted service delivers it (idempotently: an open pull request from
     * the run branch is found and updated, never opened twice).
     */
    public static boolean pending(Path runDir) {
        return read(runDir.resolve(DELIVERY)).filter(n -> "pull_request".equals(n.path("deliver").asText()))
                .map(n -> !n.path("delivered").asBoolean(false)).orElse(false);
    }

    /** The options a run started with, when it asked for a pull request; empty otherwise or when unreadable. */
    public static Optional<PullRequestOptions> readOptions(Path runDir) {
        return read(runDir.resolve(DELIVERY)).filter(n -> "pull_request".equals(n.path("deliver").asText()))
                .map(n -> new PullRequestOptions(text(n.path("forge").path("kind")),
                        text(n.path("forge").path("repository")),
                        PullRequestOptions.BelowThreshold.fromName(text(n.path("below_threshold")))));
    }

    static void writePullRequest(Path runDir, PullRequest pr, String forge, String repository) {
        ObjectNode node = JSON.createObjectNode().put("url", pr.url()).put("number", pr.number())
                .put("draft", pr.draft()).put("forge", forge).put("repository", repository);
        AtomicFiles.writeString(runDir.resolve(PULL_REQUEST), node.toPrettyString(), true);
    }

    /** The pull request recorded for the run, if it got one. */
    public static Optional<Recorded> readPullRequest(Path runDir) {
        return read(runDir.resolve(PULL_REQUEST)).filter(n -> n.path("url").isTextual())
                .map(n -> new Recorded(n.path("url").asText(), n.path("number").asInt(), n.path("draft").asBoolean(),
                        text(n.path("forge")), text(n.path("repository"))));
    }

    private static Optional<JsonNode> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
