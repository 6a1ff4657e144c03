package io.nightshift.harness.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.harness.SuiteTwin;
import io.nightshift.harness.store.DockerScenarioStore;
import io.nightshift.sandbox.SandboxException;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.JudgeNetwork;
import io.nightshift.sandbox.docker.ServiceContainer;
import io.nightshift.sandbox.docker.ServiceExecResult;
import io.nightshift.twin.cassette.CassettePlayer.ReceivedRequest;
import io.nightshift.twin.cassette.CassetteTwinProgram;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Twins in containers of their own on the trial's {@link JudgeNetwork}: each runs {@link CassetteTwinProgram} with
 * the scenario store image's Python (the judge images need not have one, and have no JVM), reachable by the program
 * at {@code http://<name>:8080}; its control port listens on the twin container's loopback only, so the judge steers
 * it through exec and the program cannot.
 */
final class ContainerTwins implements TrialTwins {

    /** The image twins run in: ours, with python3 and curl, built by {@code scenario-store/build.sh}. */
    static final String IMAGE = DockerScenarioStore.IMAGE;
    private static final String USER = "10001:10001";
    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JudgeNetwork network;
    private final Map<String, ServiceContainer> twins = new LinkedHashMap<>();

    ContainerTwins(DockerEngine engine, List<SuiteTwin> declared, String runId, String judgmentId) {
        network = JudgeNetwork.create(engine, runId, judgmentId);
        try {
            for (SuiteTwin t : declared) {
                twins.put(t.name(), start(network.startHelper(IMAGE, t.name(), USER), t));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    JudgeNetwork network() {
        return network;
    }

    private static ServiceContainer start(ServiceContainer c, SuiteTwin twin) {
        Map<String, String> files = Map.of("/tmp/twin.py", CassetteTwinProgram.source(), "/tmp/cassette.json",
                twin.cassette());
        String write = "import sys, json\nfor path, text in json.loads(sys.stdin.readline()).items():\n"
                + "    open(path, 'w', encoding='utf-8').write(text)\n";
        String line;
        try {
            line = JSON.writeValueAsString(files);
        } catch (IOException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
        check(c, c.exec(List.of("python3", "-c", write), line, EXEC_TIMEOUT), "write the twin '" + twin.name() + "'");
        String launch = "setsid python3 /tmp/twin.py --cassette /tmp/cassette.json --port " + CassetteTwinProgram.PORT
                + " --admin-port " + CassetteTwinProgram.CONTROL_PORT + " >/tmp/twin.log 2>&1 </dev/null &";
        check(c, c.exec(List.of("sh", "-c", launch), "", EXEC_TIMEOUT), "start the twin '" + twin.name() + "'");
        String await = "for i in $(seq 600); do curl -sf -o /dev/null http://127.0.0.1:" + CassetteTwinProgram.CONTROL_PORT
                + "/__twin/requests && exit 0; sleep 0.1; done; cat /tmp/twin.log; exit 1";
        check(c, c.exec(List.of("sh", "-c", await), "", EXEC_TIMEOUT), "wait for the twin '" + twin.name() + "'");
        return c;
    }

    private static ServiceExecResult check(ServiceContainer c, ServiceExecResult r, String what) {
        if (r.exitCode() != 0) {
            throw new SandboxException("could not " + what + " in " + c.name() + " (exit " + r.exitCode() + "): "
                    + Texts.tail(r.stdout() + r.stderr(), Texts.TAIL), true);
        }
        return r;
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        twins.keySet().forEach(name -> env.put(SuiteTwin.baseUrlVariable(name), "http://" + name + ":"
                + CassetteTwinProgram.PORT));
        return env;
    }

    private String control(String twin, String method, String path) {
        ServiceContainer c = twins.get(twin);
        if (c == null) {
            throw TrialTwins.unknown(twin);
        }
        ServiceExecResult r = c.exec(List.of("curl", "-sS", "-f", "-X", method, "http://127.0.0.1:"
                + CassetteTwinProgram.CONTROL_PORT + path), "", EXEC_TIMEOUT);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("the twin '" + twin + "' did not answer its control request " + path
                    + " (curl exit " + r.exitCode() + "): " + Texts.tail(r.stderr(), Texts.TAIL));
        }
        return r.stdout();
    }

    @Override
    public void reset(String twin) {
        control(twin, "POST", "/__twin/reset");
    }

    @Override
    public void failNext(String twin, int status) {
        control(twin, "POST", "/__twin/fail-next?status=" + status);
    }

    @Override
    public List<ReceivedRequest> received(String twin) {
        String body = control(twin, "GET", "/__twin/requests");
        List<ReceivedRequest> out = new ArrayList<>();
        try {
            for (JsonNode r : JSON.readTree(body)) {
                out.add(new ReceivedRequest(r.path("method").asText(), r.path("path").asText(),
                        r.path("query").asText(""), r.path("status").asInt()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("the twin '" + twin + "' answered its request list with something that is "
                    + "not JSON: " + Texts.tail(body, Texts.TAIL));
        }
        return out;
    }

    @Override
    public void close() {
        network.close();
    }
}
