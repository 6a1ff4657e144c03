package io.nightshift.forge;

/**
 * A forge call failed, or a forge cannot be addressed. The message is one line: which call, what status, what to
 * do; it never holds a token.
 */
public class ForgeException extends RuntimeException {

    private final String call;
    private final int status;
    private final boolean retryable;

    /**
     * @param call   e.g. {@code POST https://api.github.com/repos/acme/app/pulls}; null when no call was made
     * @param status the HTTP status, 0 when none came back
     */
    public ForgeException(String message, String call, int status, boolean retryable) {
        super(message);
        this.call = call;
        this.status = status;
        this.retryable = retryable;
    }

    public String call() {
        return call;
    }

    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }
}
