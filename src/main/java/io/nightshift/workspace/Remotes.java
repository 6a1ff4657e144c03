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
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/** URL handling for intake and push: classification, credentials from an env map, redaction, error mapping. */
final class Remotes {

    static final List<String> TOKEN_VARIABLES = List.of("NIGHTSHIFT_GIT_TOKEN", "GITHUB_TOKEN", "GITLAB_TOKEN");
    static final String USER_VARIABLE = "NIGHTSHIFT_GIT_USER";

    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
    private static final Pattern SCP_LIKE = Pattern.compile("^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:.*");
    private static final Pattern USERINFO = Pattern.compile("(://)[^/@\\s]+@");

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

    /** Removes user info (tokens, passwords) from anything that looks like a URL. */
    static String redact(String text) {
        return text == null ? null : USERINFO.matcher(text).replaceAll("$1***@");
    }

    /** Credentials for {@code url}: a token from {@code env} for http(s), none otherwise (ssh uses the agent). */
    static Credentials credentials(String url, Map<String, String> env) {
        String scheme = url.toLowerCase(Locale.ROOT);
        if (!scheme.startsWith("http://") && !scheme.startsWith("https://")) {
            return Credentials.NONE;
        }
        for (String variable : TOKEN_VARIABLES) {
            String token = env.get(variable);
            if (token != null && !token.isBlank()) {
                String user = env.getOrDefault(USER_VARIABLE, "x-access-token");
                return new Credentials(user, token.strip());
            }
        }
        return Credentials.NONE;
    }

    /** Refuses ssh URLs early, with a clear message, when no SSH transport is on the classpath. */
    static void checkSshSupport(String url) {
        boolean ssh = url.regionMatches(true, 0, "ssh://", 0, 6) || url.regionMatches(true, 0, "git+ssh://", 0, 10)
                || SCP_LIKE.matcher(url).matches();
        if (ssh && SshSessionFactory.getInstance() == null) {
            throw new RemoteUnreachableException(redact(url), "Cannot reach " + redact(url) + ": SSH remotes need JGit's"
                    + " SSH transport (org.eclipse.jgit.ssh.apache) on the classpath, and this build has none. Use an"
                    + " https:// URL with a token in NIGHTSHIFT_GIT_TOKEN, or clone the repository yourself and pass"
                    + " its local path.", false);
        }
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

    /** A user and token for http(s); {@link #toString()} never shows the token. */
    record Credentials(String user, String token) {

        static final Credentials NONE = new Credentials(null, null);

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
