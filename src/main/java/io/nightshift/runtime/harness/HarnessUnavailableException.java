package io.nightshift.runtime.harness;

/** A run asked for holdout judging and this process has no scenario store to judge with. */
final class HarnessUnavailableException extends RuntimeException {

    public HarnessUnavailableException(String message) {
        super(message);
    }
}
