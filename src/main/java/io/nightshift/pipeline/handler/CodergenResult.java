package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.state.Outcome;

/** What a {@link CodergenBackend} returns: the response text, or an outcome it decided itself. */
public sealed interface CodergenResult {

    record Text(String response) implements CodergenResult {
        public Text {
            response = response == null ? "" : response;
        }
    }

    record Status(Outcome outcome) implements CodergenResult {
        public Status {
            if (outcome == null) {
                throw new IllegalArgumentException("a status result needs an outcome");
            }
        }
    }

    static CodergenResult text(String response) {
        return new Text(response);
    }

    static CodergenResult status(Outcome outcome) {
        return new Status(outcome);
    }
}
