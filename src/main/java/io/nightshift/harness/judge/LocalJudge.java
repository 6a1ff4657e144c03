package io.nightshift.harness.judge;

import io.nightshift.harness.Judge;
import io.nightshift.harness.JudgeListener;
import io.nightshift.harness.JudgeRequest;
import io.nightshift.harness.Judgment;
import io.nightshift.sandbox.EnvPolicy;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.LocalExecutionEnvironment;
import java.nio.file.Path;
import java.util.Map;

/**
 * Judges on this machine: each trial runs its commands directly, in a fresh temporary export of the commit, with
 * only {@code PATH}, {@code HOME} (a fresh directory) and {@code LANG} in their environment. It is no isolation at
 * all: use it only when the operator has allowed held-out suites with a local sandbox ({@code --allow-local-holdout}),
 * or for suites that are not held out.
 */
public final class LocalJudge implements Judge {

    private final String path;

    /** @param path the {@code PATH} commands get (usually the host's) */
    public LocalJudge(String path) {
        this.path = path == null || path.isBlank() ? "/usr/local/bin:/usr/bin:/bin" : path;
    }

    @Override
    public Judgment judge(JudgeRequest request, JudgeListener listener) {
        return judgeMeasured(request, listener).judgment();
    }

    /** As {@link #judge}, with where the time went. */
    public MeasuredJudgment judgeMeasured(JudgeRequest request, JudgeListener listener) {
        return new SnapshotJudging(new Local()).judge(request, listener);
    }

    private final class Local implements TrialEnvironments {

        @Override
        public void prepare(JudgeRequest request) {
        }

        @Override
        public boolean disposable() {
            return false;
        }

        @Override
        public TrialTwins twins(JudgeRequest request) {
            return request.suite().twins().isEmpty() ? TrialTwins.NONE : new LocalTwins(request.suite().twins());
        }

        @Override
        public ExecutionEnvironment start(Path snapshot, Path home, JudgeRequest request) {
            LocalExecutionEnvironment env = new LocalExecutionEnvironment(snapshot,
                    Map.of("PATH", path, "HOME", home.toString(), "LANG", "C.UTF-8"), EnvPolicy.INHERIT_ALL);
            env.initialize();
            return env;
        }
    }
}
