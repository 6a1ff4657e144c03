package io.nightshift.workspace;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server for the ssh:// tests: {@code sshd} on a random loopback port with a host key, an
 * authorized key and a pid file of its own in a temporary directory, logging in the user running the tests (whose
 * shell runs {@code git-upload-pack} and {@code git-receive-pack}). Also makes keys and runs an ssh-agent.
 * The tests are skipped, saying why, only when OpenSSH's server is not installed ({@code .ci/run} installs it).
 */
public final class LocalSshd implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Process process;
    private final Path dir;
    final int port;

    private LocalSshd(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Skips the calling test when sshd cannot be had, with the reason in the report. */
    public static void assumeInstalled() {
        assumeThat(Files.isExecutable(SSHD)).as("OpenSSH's server is not installed (%s missing): apt-get install "
                + "openssh-server, as .ci/run does", SSHD).isTrue();
        assumeThat(Files.isExecutable(Path.of("/usr/bin/ssh-keygen"))).as("ssh-keygen is not installed").isTrue();
    }

    /** Starts sshd in {@code dir} accepting only {@code authorizedKey} (a .pub file) for the current user. */
    public static LocalSshd start(Path dir, Path authorizedKey) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path hostKey = dir.resolve("host_ed25519");
        keygen(hostKey);
        Files.copy(authorizedKey, dir.resolve("authorized_keys"));
        if ("root".equals(System.getProperty("user.name"))) {
            Files.createDirectories(Path.of("/run/sshd")); // privilege separation directory sshd insists on
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n", List.of(
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "AllowUsers " + System.getProperty("user.name"),
                "PermitRootLogin prohibit-password",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "")), StandardCharsets.UTF_8);
        Process sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        LocalSshd server = new LocalSshd(sshd, dir, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !sshd.isAlive()) {
                    server.close();
                    throw new IOException("sshd did not start: " + server.log(), notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    /** {@code ssh://<user>@127.0.0.1:<port><path>}. */
    public String url(Path repository) {
        return "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + port + repository.toAbsolutePath();
    }

    /** The known_hosts line for this server, as {@code ssh-keyscan} would print it. */
    public String knownHostsLine() throws IOException {
        String[] pub = Files.readString(dir.resolve("host_ed25519.pub")).strip().split(" ");
        return "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1] + "\n";
    }

    String log() throws IOException {
        Path log = dir.resolve("sshd.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** A fresh ed25519 key pair without passphrase at {@code key} and {@code key.pub}. */
    public static Path keygen(Path key) throws IOException, InterruptedException {
        Files.createDirectories(key.getParent());
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "nightshift-test", "-f",
                key.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("ssh-keygen failed: " + out);
        }
        return key.resolveSibling(key.getFileName() + ".pub");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** An ssh-agent in the foreground on {@code socket}, holding the given private keys. */
    static final class Agent implements AutoCloseable {

        private final Process process;
        final Path socket;

        private Agent(Process process, Path socket) {
            this.process = process;
            this.socket = socket;
        }

        static Agent start(Path socket, Path... keys) throws IOException, InterruptedException {
            Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Agent started = new Agent(agent, socket);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(socket)) {
                if (System.nanoTime() > deadline || !agent.isAlive()) {
                    started.close();
                    throw new IOException("ssh-agent did not start");
                }
                Thread.sleep(20);
            }
            for (Path key : keys) {
                ProcessBuilder add = new ProcessBuilder("ssh-add", key.toString()).redirectErrorStream(true);
                add.environment().put("SSH_AUTH_SOCK", socket.toString());
                Process p = add.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    started.close();
                    throw new IOException("ssh-add failed: " + out);
                }
            }
            return started;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
