package io.nightshift.pipeline.condition;

/** A condition expression that does not follow the grammar of attractor-spec 10.2. {@code column} is 1-based. */
public final class ConditionSyntaxException extends Exception {

    private final String expression;
    private final int column;

    public ConditionSyntaxException(String expression, int column, String message) {
        super(message);
        this.expression = expression;
        this.column = column;
    }

    public String expression() {
        return expression;
    }

    public int column() {
        return column;
    }
}
