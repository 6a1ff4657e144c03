package io.nightshift.sandbox;

/** A grep regular expression or a glob pattern cannot be compiled. */
public final class InvalidPatternException extends SandboxException {

    private final String pattern;

    public InvalidPatternException(String pattern, String reason) {
        super("invalid pattern '" + pattern + "': " + reason, false);
        this.pattern = pattern;
    }

    public String pattern() {
        return pattern;
    }
}
