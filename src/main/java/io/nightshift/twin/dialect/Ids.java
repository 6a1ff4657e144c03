package io.nightshift.twin.dialect;

import java.util.Random;

/** Provider-looking identifiers ({@code msg_01...}, {@code toolu_01...}); seeded, so a run is repeatable. */
public final class Ids {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private final Random random;

    public Ids(long seed) {
        this.random = new Random(seed);
    }

    /** {@code prefix} followed by {@code length} base-62 characters. */
    public synchronized String next(String prefix, int length) {
        StringBuilder out = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    /** Lower-case hex, for OpenAI-style ids. */
    public synchronized String hex(String prefix, int length) {
        StringBuilder out = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }
}
