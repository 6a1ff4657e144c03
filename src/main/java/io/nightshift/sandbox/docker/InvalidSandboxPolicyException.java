package io.nightshift.sandbox.docker;

import io.nightshift.sandbox.SandboxException;

/** A {@code sandbox.*} setting has a value that cannot be used; the message names the key, the value and the fix. */
public final class InvalidSandboxPolicyException extends SandboxException {

    private final String key;
    private final String value;

    public InvalidSandboxPolicyException(String key, String value, String reason) {
        super(key + "=" + value + ": " + reason, false);
        this.key = key;
        this.value = value;
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }
}
