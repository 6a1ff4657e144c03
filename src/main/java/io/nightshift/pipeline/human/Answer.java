package io.nightshift.pipeline.human;

/**
 * An answer (attractor-spec 6.3). {@code value} is an option key, free text, or one of the special values
 * {@link #YES}, {@link #NO}, {@link #SKIPPED}, {@link #TIMEOUT}. {@code selectedOption} and {@code text} may be null.
 */
public record Answer(String value, Option selectedOption, String text) {

    public static final String YES = "YES";
    public static final String NO = "NO";
    public static final String SKIPPED = "SKIPPED";
    public static final String TIMEOUT = "TIMEOUT";

    public static Answer yes() {
        return new Answer(YES, null, null);
    }

    public static Answer no() {
        return new Answer(NO, null, null);
    }

    public static Answer skipped() {
        return new Answer(SKIPPED, null, null);
    }

    public static Answer timeout() {
        return new Answer(TIMEOUT, null, null);
    }

    public static Answer option(Option option) {
        return new Answer(option.key(), option, null);
    }

    public static Answer freeform(String text) {
        return new Answer(text, null, text);
    }

    public boolean isTimeout() {
        return TIMEOUT.equals(value);
    }

    public boolean isSkipped() {
        return SKIPPED.equals(value);
    }
}
