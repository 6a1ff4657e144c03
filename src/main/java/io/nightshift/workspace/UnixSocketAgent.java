package io.nightshift.workspace;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.transport.sshd.agent.AbstractConnector;
import org.eclipse.jgit.transport.sshd.agent.Connector;
import org.eclipse.jgit.transport.sshd.agent.ConnectorFactory;

/**
 * A connection to an ssh-agent over its Unix domain socket, with the JDK's own socket support. JGit speaks the
 * agent protocol itself ({@link AbstractConnector} frames requests and checks reply lengths); its stock connectors
 * need JNA, this one does not. Each request is one length-prefixed message and one length-prefixed reply.
 */
final class UnixSocketAgent extends AbstractConnector {

    private final Path socket;
    private SocketChannel channel;

    UnixSocketAgent(Path socket) {
        this.socket = socket;
    }

    @Override
    public synchronized boolean connect() throws IOException {
        if (channel != null && channel.isOpen()) {
            return true;
        }
        if (socket == null || !Files.exists(socket)) {
            return false;
        }
        SocketChannel opened = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            opened.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            opened.close();
            return false;
        }
        channel = opened;
        return true;
    }

    @Override
    public synchronized byte[] rpc(byte command, byte[] message) throws IOException {
        if (channel == null) {
            throw new IOException("not connected to the ssh-agent at " + socket);
        }
        prepareMessage(command, message);
        write(ByteBuffer.wrap(message));
        ByteBuffer length = read(4);
        return read(toLength(command, length.array())).array();
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private void write(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private ByteBuffer read(int n) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(n);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("the ssh-agent at " + socket + " closed the connection");
            }
        }
        return buffer;
    }

    /** Connectors to the one socket named by the run's {@code SSH_AUTH_SOCK}, or a config's {@code IdentityAgent}. */
    static final class Factory implements ConnectorFactory {

        private static final String ENV = "SSH_AUTH_SOCK";
        private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor() {
            @Override
            public String getIdentityAgent() {
                return ENV;
            }

            @Override
            public String getDisplayName() {
                return "ssh-agent (Unix domain socket)";
            }
        };

        private final Path defaultSocket;

        Factory(Path defaultSocket) {
            this.defaultSocket = defaultSocket;
        }

        @Override
        public Connector create(String identityAgent, File homeDir) {
            if (identityAgent == null || identityAgent.isBlank() || identityAgent.equals(ENV)
                    || identityAgent.equals("$" + ENV) || identityAgent.equals("${" + ENV + "}")) {
                return new UnixSocketAgent(defaultSocket);
            }
            String path = identityAgent.startsWith("~/") ? new File(homeDir, identityAgent.substring(2)).getPath()
                    : identityAgent;
            return new UnixSocketAgent(Path.of(path));
        }

        @Override
        public boolean isSupported() {
            return true;
        }

        @Override
        public String getName() {
            return "nightshift-unix-socket";
        }

        @Override
        public Collection<ConnectorDescriptor> getSupportedConnectors() {
            return List.of(DESCRIPTOR);
        }

        @Override
        public ConnectorDescriptor getDefaultConnector() {
            return DESCRIPTOR;
        }
    }
}
