package io.nightshift.sandbox.docker;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A unix-socket proxy in front of the real engine that a test can cut, as if the daemon stopped: every open
 * connection is closed and new ones are refused.
 */
final class CuttableEngineProxy implements AutoCloseable {

    private final Path socket;
    private final ServerSocketChannel server;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    CuttableEngineProxy(Path dir, Path engineSocket) throws IOException {
        this.socket = dir.resolve("engine.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofVirtual().start(() -> {
            while (!cut) {
                try {
                    SocketChannel client = server.accept();
                    SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(engineSocket));
                    open.add(client);
                    open.add(engine);
                    pump(client, engine);
                    pump(engine, client);
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    String dockerHost() {
        return "unix://" + socket;
    }

    private void pump(SocketChannel from, SocketChannel to) {
        Thread.ofVirtual().start(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            try {
                while (from.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        to.write(buffer);
                    }
                    buffer.clear();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    /** Drops every connection and stops accepting: the engine "stopped". */
    void cut() {
        cut = true;
        closeQuietly(server);
        open.forEach(CuttableEngineProxy::closeQuietly);
    }

    @Override
    public void close() throws IOException {
        cut();
        Files.deleteIfExists(socket);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // tearing down a test proxy
        }
    }
}
