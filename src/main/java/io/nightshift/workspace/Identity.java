package io.nightshift.workspace;

import java.util.Objects;

/** The author and committer of the commits Nightshift makes. */
public record Identity(String name, String email) {

    /** {@code Nightshift <nightshift@localhost>}, the default. */
    public static final Identity NIGHTSHIFT = new Identity("Nightshift", "nightshift@localhost");

    public Identity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        if (name.isBlank() || name.contains("\n") || email.contains("\n") || email.contains(">")) {
            throw new IllegalArgumentException("Invalid git identity '" + name + " <" + email
                    + ">': the name must be non-blank and neither part may contain a newline or '>'.");
        }
    }

    @Override
    public String toString() {
        return name + " <" + email + ">";
    }
}
