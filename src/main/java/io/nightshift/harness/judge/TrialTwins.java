package io.nightshift.harness.judge;

import io.nightshift.twin.cassette.CassettePlayer.ReceivedRequest;
import java.util.List;
import java.util.Map;

/**
 * The service twins of one trial, running where the trial's program reaches them and nowhere else: started before
 * the program's environment, each answering from its cassette, inspected and steered by the twin steps.
 */
interface TrialTwins extends AutoCloseable {

    /** For a suite that declares no twins. */
    TrialTwins NONE = new TrialTwins() {
        @Override
        public Map<String, String> environment() {
            return Map.of();
        }

        @Override
        public void reset(String twin) {
            throw unknown(twin);
        }

        @Override
        public void failNext(String twin, int status) {
            throw unknown(twin);
        }

        @Override
        public List<ReceivedRequest> received(String twin) {
            throw unknown(twin);
        }

        @Override
        public void close() {
        }
    };

    /** {@code <NAME>_BASE_URL} of every twin: what the program's commands get in their environment. */
    Map<String, String> environment();

    /** @throws IllegalStateException when the twin cannot be reached (the judge's failure, not the program's) */
    void reset(String twin);

    void failNext(String twin, int status);

    /** Every request the twin received since it started or was reset, in order. */
    List<ReceivedRequest> received(String twin);

    @Override
    void close();

    static IllegalStateException unknown(String twin) {
        return new IllegalStateException("the suite declares no twin named '" + twin + "'");
    }
}
