package io.nightshift.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.sandbox.EnvironmentFilter;
import io.nightshift.sandbox.ExecResult;
import java.net.InetAddress;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hostile agent in the default sandbox: what it must not be able to do, and how the sandbox fails clearly. */
@Tag("docker")
class DockerSandboxHardeningTest {

    static DockerEngine engine;

    @TempDir
    Path workspace;

    DockerExecutionEnvironment env;

    @BeforeAll
    static void connect() {
        engine = DockerEngine.connect();
    }

    @AfterAll
    static void disconnect() {
        engine.close();
    }

    @AfterEach
    void removeSandbox() {
        if (env != null) {
            env.close();
        }
    }

    private DockerExecutionEnvironment start(SandboxPolicy policy) {
        env = new DockerExecutionEnvironment(engine, policy, workspace, "hardening-test");
        env.initialize();
        return configure(env);
    }

    /** How commands run in the started sandbox; {@link ResidentRunnerHardeningTest} switches to the runner. */
    DockerExecutionEnvironment configure(DockerExecutionEnvironment started) {
        return started;
    }

    /** A service on all host interfaces that answers every request with 200 (what a sandbox must not reach). */
    private static HttpServer hostService() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0), 50);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        server.start();
        return server;
    }

    private static boolean hostServiceAnswersOnThisHost(int port) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                + "/")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200;
    }

    private ExecResult sh(String command) {
        return env.execCommand(command, 20_000, null, null);
    }

    @Test
    void hasNoNetworkNotEvenToServicesOnTheHost() throws Exception {
        start(SandboxPolicy.DEFAULTS);
        HttpServer hostService = hostService();
        try {
            int port = hostService.getAddress().getPort();
            assertThat(hostServiceAnswersOnThisHost(port)).isTrue();

            assertThat(sh("ls /sys/class/net").stdout().strip()).isEqualTo("lo");
            assertThat(sh("getent hosts deb.debian.org").exitCode()).isNotZero();
            for (String target : new String[] {"172.17.0.1:" + port, "127.0.0.1:" + port, "1.1.1.1:80"}) {
                ExecResult r = sh("curl -sS --max-time 3 http://" + target + "/");
                assertThat(r.exitCode()).as(target).isNotZero();
                assertThat(r.stderr()).as(target).containsAnyOf("Couldn't connect", "Failed to connect",
                        "Network is unreachable", "Connection refused");
            }
        } finally {
            hostService.stop(0);
        }
    }

    @Test
    void runsWithoutCapabilitiesOrNewPrivilegesAsANonRootUser() {
        start(SandboxPolicy.DEFAULTS);

        ExecResult r = sh("grep -E '^(CapEff|CapPrm|CapBnd|NoNewPrivs|Seccomp):' /proc/self/status; id -u");

        assertThat(r.stdout()).contains("CapEff:\t0000000000000000", "CapPrm:\t0000000000000000",
                "CapBnd:\t0000000000000000", "NoNewPrivs:\t1", "Seccomp:\t2");
        assertThat(r.stdout().strip()).doesNotEndWith("\n0").endsWith("1000");
    }

    @Test
    void canWriteOnlyTheWorkspaceAndTheTmpfsDirectories() {
        start(SandboxPolicy.DEFAULTS);

        for (String path : new String[] {"/etc/evil", "/usr/bin/evil", "/evil", "/var/evil"}) {
            ExecResult r = sh("touch " + path);
            assertThat(r.exitCode()).as(path).isNotZero();
            assertThat(r.stderr()).as(path).containsAnyOf("Read-only file system", "Permission denied");
        }
        assertThat(sh("touch /tmp/ok /home/agent/ok /workspace/ok && echo written").stdout()).isEqualTo("written\n");
        assertThat(workspace.resolve("ok")).exists();
    }

    @Test
    void noHostVariablesReachTheSandbox() {
        start(SandboxPolicy.DEFAULTS);

        String inside = sh("env").stdout();

        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            if (EnvironmentFilter.isSecret(e.getKey()) || e.getKey().startsWith("JAVA") || e.getKey().startsWith("MAVEN")) {
                assertThat(inside).as(e.getKey()).doesNotContain(e.getKey() + "=");
            }
        }
        assertThat(inside).contains("HOME=/home/agent");
    }

    @Test
    void policyVariablesAreSetInEveryCommand() {
        start(SandboxPolicyParser.parse(Map.of("sandbox.env.GREETING", "hello")));

        assertThat(sh("echo $GREETING").stdout()).isEqualTo("hello\n");
    }

    @Test
    void aForkBombStopsAtThePidsLimitAndTheSandboxStaysUsable() {
        start(SandboxPolicy.DEFAULTS.withLimits(SandboxPolicy.DEFAULTS.memoryBytes(), 1.0, 64));

        ExecResult bomb = env.execCommand("bomb() { bomb | bomb & }; bomb", 4_000, null, null);

        // the call came back (here we are) and the bomb's processes did not take the sandbox with them
        assertThat(sh("echo alive").stdout()).isEqualTo("alive\n");
        assertThat(sh("cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max").stdout().strip())
                .isEqualTo("64");
    }

    @Test
    void aMemoryHogIsKilledWithAClearResultAndTheSandboxSurvives() {
        start(SandboxPolicy.DEFAULTS.withLimits(96L * 1024 * 1024, 1.0, 256));

        ExecResult hog = env.execCommand("python3 -c \"data = b'x' * (400 * 1024 * 1024); print(len(data))\"",
                30_000, null, null);

        assertThat(hog.timedOut()).isFalse();
        assertThat(hog.exitCode()).isEqualTo(137);
        assertThat(hog.stderr()).contains("memory limit (96 MiB)");
        assertThat(sh("echo alive").stdout()).isEqualTo("alive\n");
    }

    @Test
    void aContainerKilledFromOutsideMidCommandIsAClearError() throws Exception {
        start(SandboxPolicy.DEFAULTS);
        String id = env.sandbox().id();
        CompletableFuture<ExecResult> running = CompletableFuture.supplyAsync(
                () -> env.execCommand("sleep 60", 90_000, null, null));
        Thread.sleep(1_000);

        engine.client().killContainerCmd(id).exec();

        assertThatThrownBy(() -> running.get(20, TimeUnit.SECONDS))
                .hasCauseInstanceOf(SandboxLostException.class)
                .cause().hasMessageContaining(env.sandbox().name()).hasMessageContaining("stopped");
        assertThatThrownBy(() -> sh("true")).isInstanceOf(SandboxLostException.class);
    }

    @Test
    void filesCreatedInTheSandboxBelongToTheSandboxUserAndHostWritesStayWritable() throws Exception {
        start(SandboxPolicy.DEFAULTS);
        WorkspaceOwner owner = env.sandbox().definition().owner();

        sh("mkdir -p made/here && echo x > made/here/f.txt");
        env.writeFile("tool/written.txt", "by the tool\n");
        ExecResult append = sh("echo appended >> tool/written.txt && cat tool/written.txt");

        assertThat((Integer) Files.getAttribute(workspace.resolve("made/here/f.txt"), "unix:uid")).isEqualTo(owner.uid());
        assertThat((Integer) Files.getAttribute(workspace.resolve("tool/written.txt"), "unix:uid"))
                .isEqualTo(owner.uid());
        assertThat(append.stdout()).isEqualTo("by the tool\nappended\n");
    }

    @Test
    void theEngineStoppingMidCommandIsAClearErrorNotAHang(@TempDir Path proxyDir) throws Exception {
        try (CuttableEngineProxy proxy = new CuttableEngineProxy(proxyDir, Path.of("/var/run/docker.sock"));
                DockerEngine viaProxy = DockerEngine.connect(proxy.dockerHost());
                DockerExecutionEnvironment sandbox = new DockerExecutionEnvironment(viaProxy, SandboxPolicy.DEFAULTS,
                        workspace, "hardening-test")) {
            sandbox.initialize();
            CompletableFuture<ExecResult> running = CompletableFuture.supplyAsync(
                    () -> sandbox.execCommand("echo started; sleep 60", 90_000, null, null));
            Thread.sleep(1_000);

            proxy.cut();

            assertThatThrownBy(() -> running.get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(DockerUnavailableException.class)
                    .cause().hasMessageContaining(proxy.dockerHost()).hasMessageContaining("Start Docker");
            // the sandbox itself is still there: remove it through the real engine
            engine.client().removeContainerCmd(sandbox.sandbox().id()).withForce(true).exec();
        }
    }

    @Test
    void aMissingImageSaysWhichCommandBuildsIt() {
        env = new DockerExecutionEnvironment(engine, SandboxPolicy.DEFAULTS.withImage("nightshift/no-such-image:0"),
                workspace, "hardening-test");

        assertThatThrownBy(env::initialize).isInstanceOf(SandboxImageMissingException.class)
                .hasMessageContaining("nightshift/no-such-image:0").hasMessageContaining("sandbox-images/build.sh");
    }

    @Test
    void anUnreachableEngineSaysHowToStartDockerOrRunLocally() {
        assertThatThrownBy(() -> DockerEngine.connect("unix:///nonexistent/docker.sock"))
                .isInstanceOf(DockerUnavailableException.class)
                .hasMessageContaining("unix:///nonexistent/docker.sock").hasMessageContaining("--sandbox local");
    }

    @Test
    void aBridgeSandboxGetsANetworkOfItsOwnThatCannotReachHostServicesAndGoesAwayWithIt() throws Exception {
        start(SandboxPolicyParser.parse(Map.of("sandbox.network", "bridge")));
        String name = env.sandbox().name();
        var network = engine.client().inspectNetworkCmd().withNetworkId(name).exec();
        String gateway = network.getIpam().getConfig().get(0).getGateway();

        HttpServer hostService = hostService();
        try {
            int port = hostService.getAddress().getPort();
            assertThat(hostServiceAnswersOnThisHost(port)).isTrue();
            assertThat(sh("ls /sys/class/net").stdout()).contains("eth0");
            for (String target : new String[] {gateway + ":" + port, "172.17.0.1:" + port}) {
                ExecResult r = sh("curl -sS --max-time 2 http://" + target + "/");
                assertThat(r.exitCode()).as(target).isNotZero();
            }
        } finally {
            hostService.stop(0);
        }
        assertThat(network.getLabels()).containsEntry(SandboxLabels.MANAGED, "true");
        env.close();
        env = null;

        assertThat(engine.client().listNetworksCmd().withNameFilter(name).exec()).isEmpty();
    }
}
