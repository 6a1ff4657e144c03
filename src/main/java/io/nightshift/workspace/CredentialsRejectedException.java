package io.nightshift.workspace;

/** The remote refused the credentials (or asked for some and none were given). Never retryable. */
final class CredentialsRejectedException extends WorkspaceException {

    private final String url;

    public CredentialsRejectedException(String url, String message) {
        super(message, false);
        this.url = url;
    }

    /** The remote URL with any credentials removed. */
    public String url() {
        return url;
    }
}
