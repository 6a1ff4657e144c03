package io.nightshift.pipeline.condition;

/** What a condition can see (attractor-spec 10.4): the node's outcome and the run context. */
public interface ConditionScope {

    /** The outcome status in lower case ({@code success}, {@code fail}, ...); empty when there is none. */
    String outcome();

    /** The outcome's preferred label; empty when there is none. */
    String preferredLabel();

    /** A context value by its full key, or {@code null} when absent. Must not throw. */
    Object contextValue(String key);
}
