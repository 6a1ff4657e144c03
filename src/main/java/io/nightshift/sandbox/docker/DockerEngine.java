package io.nightshift.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.nightshift.sandbox.SandboxException;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The connection to the Docker engine through its HTTP API (unix socket by default, {@code DOCKER_HOST} when set).
 * No API version is pinned: requests go to the unversioned paths, which the engine serves at its own version.
 * docker-java failures are turned into {@link SandboxException}s here and in the classes of this package.
 */
public final class DockerEngine implements AutoCloseable {

    private final DockerClient client;
    private final String host;

    private DockerEngine(DockerClient client, String host) {
        this.client = client;
        this.host = host;
    }

    /**
     * Connects and pings the engine.
     *
     * @throws DockerUnavailableException when it does not answer, saying how to start it
     */
    public static DockerEngine connect() {
        return connect(DefaultDockerClientConfig.createDefaultConfigBuilder().build());
    }

    /** Connects to the engine at {@code dockerHost} ({@code unix:///path} or {@code tcp://host:port}). */
    public static DockerEngine connect(String dockerHost) {
        return connect(DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build());
    }

    private static DockerEngine connect(DefaultDockerClientConfig config) {
        String host = config.getDockerHost().toString();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        DockerEngine engine = new DockerEngine(DockerClientImpl.getInstance(config, http), host);
        try {
            engine.call("ping", () -> engine.client.pingCmd().exec());
        } catch (RuntimeException e) {
            engine.close();
            throw e instanceof DockerUnavailableException ? e : new DockerUnavailableException(host, "ping", e, false);
        }
        return engine;
    }

    DockerClient client() {
        return client;
    }

    public String host() {
        return host;
    }

    /** @throws SandboxImageMissingException when the image is not present locally */
    public void requireImage(String image) {
        try {
            call("inspect image " + image, () -> client.inspectImageCmd(image).exec());
        } catch (DockerObjectMissingException e) {
            throw new SandboxImageMissingException(image);
        }
    }

    /** @throws SandboxException when the engine has no runtime of that name, saying how to install it */
    public void requireRuntime(SandboxRuntime runtime) {
        if (runtime == SandboxRuntime.RUNC) {
            return;
        }
        java.util.Map<String, ?> known = call("read the engine's runtimes", () -> client.infoCmd().exec().getRuntimes());
        if (known == null || !known.containsKey(runtime.engineName())) {
            throw new SandboxException("sandbox.runtime=" + runtime.engineName() + ": the Docker engine at " + host
                    + " has no runtime '" + runtime.engineName() + "' (it has " + (known == null ? "none listed"
                    : new java.util.TreeSet<>(known.keySet())) + "). To use it, " + SandboxRuntime.SETUP, false);
        }
    }

    /**
     * Runs one engine call, turning transport failures into {@link DockerUnavailableException} and refusals into
     * {@link SandboxException}; "not found" becomes {@link DockerObjectMissingException}, which callers that know
     * what was missing turn into something more specific.
     */
    <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (NotFoundException e) {
            throw new DockerObjectMissingException(what, e);
        } catch (DockerException e) {
            throw new SandboxException("the Docker engine refused to " + what + ": " + e.getMessage().strip(), false, e);
        } catch (RuntimeException e) {
            if (isTransportFailure(e)) {
                throw new DockerUnavailableException(host, what, e, true);
            }
            throw e;
        }
    }

    void run(String what, Runnable request) {
        call(what, () -> {
            request.run();
            return null;
        });
    }

    static boolean isTransportFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // closing a connection pool: nothing to report
        }
    }
}
