package io.nightshift.twin.forge;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Git's smart HTTP protocol (protocol v0/v1) over JGit's {@link UploadPack} and {@link ReceivePack}, for clone,
 * fetch and push: {@code GET <repo>.git/info/refs?service=git-upload-pack|git-receive-pack}, then {@code POST
 * <repo>.git/git-upload-pack|git-receive-pack}. Every request needs HTTP Basic credentials whose password is the
 * twin's token (any user name), as GitHub and GitLab take a token over https; others get 401 with a Basic
 * challenge. A client asking for protocol v2 is answered in v0, which the protocol allows.
 */
final class GitSmartHttp {

    /** A reply: status, content type (or null), extra header (or null) and body. */
    record Reply(int status, String contentType, String challenge, byte[] body) {
    }

    private final ForgeRepositories repositories;
    private final String expected;

    GitSmartHttp(ForgeRepositories repositories, String token) {
        this.repositories = repositories;
        this.expected = token;
    }

    /** Whether {@code path} is a git smart-HTTP path, e.g. {@code /acme/app.git/info/refs}. */
    static boolean handles(String path) {
        return path.contains(".git/info/refs") || path.endsWith(".git/git-upload-pack")
                || path.endsWith(".git/git-receive-pack");
    }

    Reply serve(String method, String path, String service, String authorization, String contentEncoding,
            byte[] body) {
        if (!authorized(authorization)) {
            return new Reply(401, "text/plain", "Basic realm=\"forge twin\"",
                    "authentication required: the token as the password\n".getBytes(StandardCharsets.UTF_8));
        }
        int cut = path.indexOf(".git/");
        String repository = path.substring(1, cut);
        String action = path.substring(cut + 5);
        Optional<Path> dir = repositories.directory(repository);
        if (dir.isEmpty()) {
            return notFound("no repository " + repository);
        }
        try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.get().toFile()).setMustExist(true).build()) {
            if (method.equals("GET") && action.equals("info/refs")) {
                return advertise(repo, service);
            }
            if (method.equals("POST") && action.equals("git-upload-pack")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                UploadPack up = new UploadPack(repo);
                up.setBiDirectionalPipe(false);
                up.upload(input(body, contentEncoding), out, null);
                return new Reply(200, "application/x-git-upload-pack-result", null, out.toByteArray());
            }
            if (method.equals("POST") && action.equals("git-receive-pack")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ReceivePack rp = new ReceivePack(repo);
                rp.setBiDirectionalPipe(false);
                rp.receive(input(body, contentEncoding), out, null);
                return new Reply(200, "application/x-git-receive-pack-result", null, out.toByteArray());
            }
            return notFound("no such git endpoint: " + method + " " + action);
        } catch (IOException e) {
            return new Reply(500, "text/plain", null, ("forge twin: " + e.getMessage() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Reply advertise(Repository repo, String service) throws IOException {
        if (!"git-upload-pack".equals(service) && !"git-receive-pack".equals(service)) {
            return new Reply(403, "text/plain", null, "only the smart protocol is served\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketLineOut pckOut = new PacketLineOut(out);
        pckOut.writeString("# service=" + service + "\n");
        pckOut.end();
        RefAdvertiser.PacketLineOutRefAdvertiser advertiser = new RefAdvertiser.PacketLineOutRefAdvertiser(pckOut);
        if (service.equals("git-upload-pack")) {
            UploadPack up = new UploadPack(repo);
            up.setBiDirectionalPipe(false);
            up.sendAdvertisedRefs(advertiser);
        } else {
            ReceivePack rp = new ReceivePack(repo);
            rp.setBiDirectionalPipe(false);
            rp.sendAdvertisedRefs(advertiser);
        }
        return new Reply(200, "application/x-" + service + "-advertisement", null, out.toByteArray());
    }

    private boolean authorized(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon >= 0 && decoded.substring(colon + 1).equals(expected);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static InputStream input(byte[] body, String contentEncoding) throws IOException {
        InputStream in = new ByteArrayInputStream(body);
        return "gzip".equalsIgnoreCase(contentEncoding) ? new GZIPInputStream(in) : in;
    }

    private static Reply notFound(String why) {
        return new Reply(404, "text/plain", null, (why + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
