package io.nightshift.workspace;

/**
 * The remote could not be reached or does not exist. Retryable when the failure looks transient (network),
 * not when the repository is simply not there.
 */
final class RemoteUnreachableException extends WorkspaceException {

    private final String url;

    public RemoteUnreachableException(String url, String message, boolean retryable) {
        super(message, retryable);
        this.url = url;
    }

    /** The remote URL with any credentials removed. */
    public String url() {
        return url;
    }
}
