package io.nightshift.pipeline.state;

import io.nightshift.pipeline.condition.ConditionScope;

/** What an edge condition sees: the outcome of the node just run and the run context (attractor-spec 10.4). */
public final class OutcomeScope implements ConditionScope {

    private final Outcome result;
    private final Context context;

    /** @param result the outcome of the node just run; null to read {@code outcome} from the context */
    public OutcomeScope(Outcome result, Context context) {
        this.result = result;
        this.context = context;
    }

    /** A scope with no outcome, for conditions evaluated against the context alone (manager stop conditions). */
    public static OutcomeScope contextOnly(Context context) {
        return new OutcomeScope(null, context);
    }

    @Override
    public String outcome() {
        return result == null ? context.getString("outcome", "") : result.status().wireName();
    }

    @Override
    public String preferredLabel() {
        return result == null ? context.getString("preferred_label", "") : result.preferredLabel();
    }

    @Override
    public Object contextValue(String key) {
        return context.get(key);
    }
}
