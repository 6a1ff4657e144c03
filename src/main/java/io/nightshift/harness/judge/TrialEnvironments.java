package io.nightshift.harness.judge;

import io.nightshift.harness.JudgeRequest;
import io.nightshift.sandbox.ExecutionEnvironment;
import java.nio.file.Path;

/** Where trials run: a fresh judge container per trial, or (when the operator allows it) this machine. */
interface TrialEnvironments {

    /** Checks once, before any trial, that environments can be started (e.g. the image exists). */
    void prepare(JudgeRequest request);

    /**
     * Starts an initialized environment whose working directory is {@code snapshot} (a fresh export the trial owns).
     * {@code home} is an empty directory the trial may use as its home where the environment has none of its own.
     */
    ExecutionEnvironment start(Path snapshot, Path home, JudgeRequest request);

    /** As {@link #start(Path, Path, JudgeRequest)}, where the trial's {@code twins} (started first) are reachable. */
    default ExecutionEnvironment start(Path snapshot, Path home, JudgeRequest request, TrialTwins twins) {
        return start(snapshot, home, request);
    }

    /**
     * Starts the suite's twins for one trial, before its environment, where that environment will reach them;
     * {@link TrialTwins#NONE} when the suite declares none (or the environments cannot host twins).
     */
    default TrialTwins twins(JudgeRequest request) {
        return TrialTwins.NONE;
    }

    /** Whether an environment is destroyed with everything in it when the trial ends (a container), or outlives it. */
    boolean disposable();
}
