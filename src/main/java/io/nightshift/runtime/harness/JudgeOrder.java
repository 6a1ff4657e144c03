package io.nightshift.runtime.harness;

import java.nio.file.Path;

/**
 * What {@code nightshift judge} was asked: a suite, and exactly one of a local repository ({@code workspace}) or a
 * source to clone ({@code repo}).
 *
 * @param suite             the suite's name in the scenario store
 * @param workspace         a git repository on this machine, judged in place (only read), or null
 * @param repo              a path or URL to clone into a temporary directory, or null
 * @param ref               the branch, tag or commit to judge; null for HEAD
 * @param trials            trials per scenario instead of the suite's, or null
 * @param threshold         satisfaction needed instead of the suite's, or null
 * @param image             the judge image; null for the default sandbox image
 * @param parallelism       trials at once; 0 derives it from the machine
 * @param sandbox           {@code docker} (null: the same) or {@code local}
 * @param allowLocalHoldout the operator accepts judging held-out scenarios on this machine without containers
 */
public record JudgeOrder(String suite, Path workspace, String repo, String ref, Integer trials, Double threshold,
                         String image, int parallelism, String sandbox, boolean allowLocalHoldout) {
}
