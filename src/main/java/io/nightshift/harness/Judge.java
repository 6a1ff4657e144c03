package io.nightshift.harness;

/**
 * Judges a workspace snapshot against a suite: every scenario runs {@code trials} times, each trial in a fresh
 * environment holding a fresh export of the commit (never the live working tree).
 */
public interface Judge {

    /**
     * Runs every trial and returns the full record. {@code listener} receives disclosed progress only, from any
     * thread but never concurrently. A scenario that fails is a result, not an exception.
     *
     * @throws JudgeException when judging itself cannot happen (unknown commit, no Docker, interrupted); every
     *         environment started so far is removed before it is thrown
     */
    Judgment judge(JudgeRequest request, JudgeListener listener);
}
