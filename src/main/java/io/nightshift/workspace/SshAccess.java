package io.nightshift.workspace;

import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * How an {@code ssh://} (or scp-like) remote is reached: the user's {@code ~/.ssh} under {@code HOME} (its
 * {@code config}, {@code known_hosts} and default keys {@code id_ed25519}, {@code id_ecdsa}, {@code id_rsa}) and the
 * ssh-agent at {@code SSH_AUTH_SOCK}, both read from the run's environment map rather than the JVM's, so a service
 * or a test can point them elsewhere. Host keys are checked against known_hosts as OpenSSH does; with no way to
 * ask, an unknown host is refused. No passphrase is ever asked for: an encrypted key the agent does not hold is
 * not usable.
 *
 * @param home        the home directory whose {@code .ssh} is used
 * @param agentSocket the agent's Unix socket, or null for none
 */
record SshAccess(Path home, Path agentSocket) {

    /** From {@code HOME} (else the JVM's user.home) and {@code SSH_AUTH_SOCK} in {@code env}. */
    static SshAccess from(Map<String, String> env) {
        String home = env.get("HOME");
        String agent = env.get("SSH_AUTH_SOCK");
        return new SshAccess(Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home")),
                agent == null || agent.isBlank() ? null : Path.of(agent));
    }

    /** A session for one clone, fetch or push: configures JGit's SSH transports; close it afterwards. */
    Session open() {
        return new Session(this);
    }

    /** Hands JGit's SSH transports a session factory built on first use, and releases it (threads, keys) on close. */
    static final class Session implements TransportConfigCallback, AutoCloseable {

        private final SshAccess access;
        private SshdSessionFactory factory;

        private Session(SshAccess access) {
            this.access = access;
        }

        @Override
        public synchronized void configure(Transport transport) {
            if (transport instanceof SshTransport ssh) {
                if (factory == null) {
                    Path sshDir = access.home().resolve(".ssh");
                    factory = new SshdSessionFactoryBuilder()
                            .setHomeDirectory(access.home().toFile())
                            .setSshDirectory(sshDir.toFile())
                            .setConnectorFactory(new UnixSocketAgent.Factory(access.agentSocket()))
                            .build(new JGitKeyCache());
                }
                ssh.setSshSessionFactory(factory);
            }
        }

        @Override
        public synchronized void close() {
            if (factory != null) {
                factory.close();
                factory = null;
            }
        }
    }
}
