package io.nightshift.harness.judge;

import io.nightshift.harness.StepAction;
import io.nightshift.twin.cassette.CassettePlayer.ReceivedRequest;
import java.util.List;

/** The twin steps: reset a twin, make it fail the next request, check what it received. */
final class TwinSteps {

    private TwinSteps() {
    }

    static StepCheck reset(StepAction.ResetTwin action, Trial trial) {
        trial.twins.reset(action.twin());
        trial.note("the \"" + action.twin() + "\" twin was reset");
        return StepCheck.PASSED;
    }

    static StepCheck failNext(StepAction.FailTwinNext action, Trial trial) {
        trial.twins.failNext(action.twin(), action.status());
        trial.note("the \"" + action.twin() + "\" twin will answer its next request with " + action.status());
        return StepCheck.PASSED;
    }

    static StepCheck received(StepAction.ExpectTwinRequest e, Trial trial) {
        List<ReceivedRequest> received = trial.twins.received(e.twin());
        boolean withQuery = e.path().contains("?");
        boolean found = received.stream().anyMatch(r -> r.method().equals(e.method())
                && (withQuery ? line(r).equals(e.path()) : r.path().equals(e.path())));
        String expected = "the \"" + e.twin() + "\" twin received " + (e.received() ? "a " : "no ") + e.method()
                + " to " + e.path();
        String observed = received.isEmpty() ? "the \"" + e.twin() + "\" twin received no request at all"
                : "the \"" + e.twin() + "\" twin received:\n" + String.join("\n", received.stream()
                        .map(r -> r.method() + " " + line(r) + " -> " + r.status()).toList());
        trial.note(observed);
        if (found == e.received()) {
            return StepCheck.PASSED;
        }
        return StepCheck.failed(observed, expected, e.received()
                ? "the program never sent " + e.method() + " " + e.path() + " to the \"" + e.twin() + "\" twin"
                : "the program sent " + e.method() + " " + e.path() + " to the \"" + e.twin() + "\" twin");
    }

    private static String line(ReceivedRequest r) {
        return r.path() + (r.query().isEmpty() ? "" : "?" + r.query());
    }
}
