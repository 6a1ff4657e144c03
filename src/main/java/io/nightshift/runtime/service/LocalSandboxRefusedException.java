package io.nightshift.runtime.service;

/**
 * A caller asked for {@code "sandbox": "local"} and the service does not allow it: tool commands would run on the
 * server as the service's own user, unisolated, for whoever can reach the API. The operator decides, not the
 * caller: it takes {@code nightshift.server.allow-local-sandbox=true} and bearer tokens, so that only
 * authenticated callers get it.
 */
public final class LocalSandboxRefusedException extends ServiceException {

    public LocalSandboxRefusedException() {
        super("sandbox \"local\" would run the pipeline's tool commands on the server, unisolated, as the service's"
                + " user; this service refuses it. Use \"docker\" (the default), or have the operator enable it with"
                + " nightshift.server.allow-local-sandbox=true (environment NIGHTSHIFT_SERVER_ALLOW_LOCAL_SANDBOX=true)"
                + " together with bearer tokens (nightshift.server.tokens), so that only authenticated callers can"
                + " ask for it.", false);
    }

    /** Whether a service may honour {@code "sandbox": "local"}: enabled by the operator and guarded by tokens. */
    public static boolean allowed(boolean enabledByOperator, boolean tokensConfigured) {
        return enabledByOperator && tokensConfigured;
    }
}
