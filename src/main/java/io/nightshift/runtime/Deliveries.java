package io.nightshift.runtime;

import io.nightshift.workspace.PushOutcome;

/** Words for what delivery did with the run branch, for the end-of-run summary. */
final class Deliveries {

    private Deliveries() {
    }

    static String describe(PushOutcome push) {
        return switch (push) {
            case PushOutcome.LocalRefUpdated l -> "branch " + l.ref() + " set in " + l.repository() + " at "
                    + RunWorkspace.abbrev(l.commitId()) + " (its checkout untouched)";
            case PushOutcome.Pushed p -> "branch " + p.ref() + " pushed to " + p.url() + " at "
                    + RunWorkspace.abbrev(p.commitId());
            case PushOutcome.AlreadyInSource a -> "branch " + a.ref() + " is in the workspace repository at "
                    + RunWorkspace.abbrev(a.commitId());
            case PushOutcome.Skipped s -> "branch not pushed: " + s.reason();
            case PushOutcome.Rejected r -> "warning: pushing " + r.ref() + " to " + r.target() + " was rejected ("
                    + r.reason() + "); not retried, the branch is in run.bundle";
        };
    }
}
