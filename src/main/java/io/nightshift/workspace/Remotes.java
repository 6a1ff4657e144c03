package io.nightshift.workspace;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/** URL handling for intake and push: classification, credentials from an env map, redaction, error mapping. */
final class Remotes {

    static final List<String> TOKEN_VARIABLES = List.of("NIGHTSHIFT_GIT_TOKEN", "GITHUB_TOKEN", "GITLAB_TOKEN");
    static final String USER_VARIABLE = "NIGHTSHIFT_GIT_USER";

    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
    private static final Pattern SCP_LIKE = Pattern.compile("^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:.*");
    private static final Pattern USERINFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/@\\s]+)@");

    private Remotes() {
    }

    /** Whether {@code source} is a URL (or scp-like {@code user@host:path}) rather than a local path. */
    static boolean isUrl(String source) {
        return URL.matcher(source).matches() || SCP_LIKE.matcher(source).matches();
    }

    /** The local directory a {@code file://} URL names, or null for other URLs. */
    static Path fileUrlPath(String url) {
        if (!url.regionMatches(true, 0, "file://", 0, 7)) {
            return null;
        }
        try {
            return Path.of(new URIish(url).getPath());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * Removes user info (tokens, passwords) from anything that looks like a URL. An ssh login name alone
     * ({@code ssh://git@host/...}) is no secret and stays, so the user sees which account was tried.
     */
    static String redact(String text) {
        return text == null ? null : USERINFO.matcher(text).replaceAll(m -> {
            boolean sshLogin = m.group(1).toLowerCase(Locale.ROOT).contains("ssh") && !m.group(2).contains(":");
            return java.util.regex.Matcher.quoteReplacement(m.group(1) + "://" + (sshLogin ? m.group(2) : "***") + "@");
        });
    }

    /**
     * Credentials for {@code url}: a token from {@code env} for http(s); the user's keys, known_hosts and agent
     * (from {@code HOME} and {@code SSH_AUTH_SOCK} in {@code env}) for ssh; none otherwise.
     */
    static Credentials credentials(String url, Map<String, String> env) {
        if (isSsh(url)) {
            return new Credentials(null, null, SshAccess.from(env));
        }
        String scheme = url.toLowerCase(Locale.ROOT);
        if (!scheme.startsWith("http://") && !scheme.startsWith("https://")) {
            return Credentials.NONE;
        }
        for (String variable : TOKEN_VARIABLES) {
            String token = env.get(variable);
            if (token != null && !token.isBlank()) {
                String user = env.getOrDefault(USER_VARIABLE, "x-access-token");
                return new Credentials(user, token.strip(), null);
            }
        }
        return Credentials.NONE;
    }

    /** Whether {@code url} is reached over SSH: {@code ssh://}, {@code git+ssh://} or scp-like {@code user@host:path}. */
    static boolean isSsh(String url) {
        return url.regionMatches(true, 0, "ssh://", 0, 6) || url.regionMatches(true, 0, "git+ssh://", 0, 10)
                || url.regionMatches(true, 0, "ssh+git://", 0, 10) || SCP_LIKE.matcher(url).matches();
    }

    /** Maps a JGit failure while talking to {@code url} to our types, keeping credentials out of the message. */
    static WorkspaceException translate(Exception e, String url, Credentials credentials, String action) {
        String shown = redact(url);
        String detail = credentials.scrub(redact(describe(e)));
        String lower = detail.toLowerCase(Locale.ROOT);
        if (hasCause(e, NoRemoteRepositoryException.class) || e instanceof InvalidRemoteException
                || lower.contains("not found") || lower.contains("does not appear to be a git repository")) {
            return new RemoteUnreachableException(shown, "Cannot " + action + " " + shown + ": no git repository there ("
                    + detail + "). Check the URL or path.", false);
        }
        if (credentials.ssh() != null) {
            WorkspaceException ssh = translateSsh(shown, lower, action, credentials.ssh());
            if (ssh != null) {
                return ssh;
            }
        }
        if (lower.contains("not authorized") || lower.contains("authentication") || lower.contains("401")
                || lower.contains("403") || lower.contains("credentials")) {
            String hint = credentials.isPresent() ? "the token was rejected; check that it is valid and may read (and,"
                    + " for a push, write) this repository"
                    : "no token was given; set NIGHTSHIFT_GIT_TOKEN (or GITHUB_TOKEN) in the environment";
            return new CredentialsRejectedException(shown, "Cannot " + action + " " + shown + ": " + hint + ".");
        }
        if (e instanceof GitAPIException || e instanceof java.io.IOException) {
            return new RemoteUnreachableException(shown, "Cannot " + action + " " + shown + ": " + detail
                    + ". Check the network and the URL; trying again may help.", true);
        }
        return new WorkspaceStorageException("Cannot " + action + " " + shown + ": " + detail, false, null);
    }

    /** The SSH failures a user can fix (host key, key refused), with how to fix them; null for other failures. */
    private static WorkspaceException translateSsh(String shown, String lower, String action, SshAccess ssh) {
        Path sshDir = ssh.home().resolve(".ssh");
        if (lower.contains("cannot be established") || lower.contains("server key did not validate")
                || lower.contains("host key") || lower.contains("identification has changed")
                || lower.contains("revoked")) {
            boolean changed = lower.contains("identification has changed") || lower.contains("revoked");
            return new CredentialsRejectedException(shown, "Cannot " + action + " " + shown + ": the server's host key "
                    + (changed ? "does not match the one recorded" : "is not known") + " in " + sshDir.resolve("known_hosts")
                    + "; Nightshift never accepts an unverified host. Check the key out of band, then add it (for"
                    + " example with 'ssh-keyscan -p PORT HOST >> ~/.ssh/known_hosts', or by connecting once with ssh).");
        }
        if (lower.contains("no more authentication methods") || lower.contains("authentication failed")
                || lower.contains("auth fail") || lower.contains("permission denied")
                || lower.contains("authentication canceled") || lower.contains("no password given")) {
            return new CredentialsRejectedException(shown, "Cannot " + action + " " + shown + ": the server refused"
                    + " every SSH key offered (the ssh-agent's" + (ssh.agentSocket() == null ? ", none running," : "")
                    + " and id_ed25519, id_ecdsa, id_rsa in " + sshDir + " or the IdentityFile of "
                    + sshDir.resolve("config") + "; a passphrase-protected key must be in the agent). Add your public"
                    + " key to the server, or load the right key with ssh-add.");
        }
        return null;
    }

    private static String describe(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && parts.stream().noneMatch(p -> p.contains(m))) {
                parts.add(m.strip());
            }
        }
        return parts.isEmpty() ? e.getClass().getSimpleName() : String.join(": ", parts);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A user and token for http(s), or the SSH keys and agent for ssh; {@link #toString()} never shows the token.
     * {@link #session()} gives the transport configuration to use for one remote operation.
     */
    record Credentials(String user, String token, SshAccess ssh) {

        static final Credentials NONE = new Credentials(null, null, null);

        /** Configures JGit's transports for one clone, fetch or push; close it afterwards. */
        SshAccess.Session session() {
            return (ssh != null ? ssh : SshAccess.from(Map.of())).open();
        }

        boolean isPresent() {
            return token != null;
        }

        CredentialsProvider provider() {
            return isPresent() ? new UsernamePasswordCredentialsProvider(user, token) : null;
        }

        String scrub(String text) {
            return isPresent() && text != null ? text.replace(token, "***") : text;
        }

        @Override
        public String toString() {
            return isPresent() ? "Credentials[user=" + user + ", token=***]" : "Credentials[none]";
        }
    }
}
