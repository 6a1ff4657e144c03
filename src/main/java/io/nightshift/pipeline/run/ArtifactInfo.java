package io.nightshift.pipeline.run;

import java.time.Instant;

/** What the artifact store knows about one artifact (attractor-spec 5.5). */
record ArtifactInfo(String id, String name, long sizeBytes, Instant storedAt, boolean fileBacked) {
}
