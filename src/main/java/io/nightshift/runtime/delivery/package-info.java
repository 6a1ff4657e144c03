/**
 * Delivery to a forge: after the run branch is pushed, one pull (GitHub) or merge (GitLab) request per run
 * branch, opened or updated, whose body carries the goal, the stages, the spend and the held-out satisfaction as
 * disclosed. What was asked is kept in {@code delivery.json} of the run directory (so a resumed run delivers the
 * same way) and what came of it in {@code pull_request.json}.
 */
package io.nightshift.runtime.delivery;
