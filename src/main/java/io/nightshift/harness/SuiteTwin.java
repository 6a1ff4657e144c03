package io.nightshift.harness;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A twin a suite declares ({@code twins:} in {@code suite.yaml}): its name, which is also its host name on the
 * judge's network, the suite file it is made {@code from} (a cassette), and that file's text (null until the suite
 * loader has read it).
 */
public record SuiteTwin(String name, String from, String cassette) {

    /** A DNS label, so that the name can be the twin's host name. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");

    public SuiteTwin {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a twin name is 1 to 31 characters a-z, 0-9 or '-', starting with a "
                    + "letter; was '" + name + "'");
        }
    }

    /** The variable that gives the program the twin's base URL: {@code payments} is {@code PAYMENTS_BASE_URL}. */
    public String baseUrlVariable() {
        return baseUrlVariable(name);
    }

    public static String baseUrlVariable(String twinName) {
        return twinName.toUpperCase(Locale.ROOT).replace('-', '_') + "_BASE_URL";
    }

    public SuiteTwin withCassette(String text) {
        return new SuiteTwin(name, from, text);
    }
}
