package io.nightshift.harness.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.harness.ScenarioStore;
import io.nightshift.harness.Suite;
import io.nightshift.harness.SuiteFiles;
import io.nightshift.harness.SuiteVersion;
import io.nightshift.harness.suite.SuiteLoader;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.SandboxLostException;
import io.nightshift.sandbox.docker.ServiceContainer;
import io.nightshift.sandbox.docker.ServiceContainers;
import io.nightshift.sandbox.docker.ServiceDefinition;
import io.nightshift.sandbox.docker.ServiceExecResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store container of {@code scenario-store/}: one container ({@value #CONTAINER}) from {@value #IMAGE}, with no
 * network, its own volume ({@value #VOLUME}) and the hardening of {@link ServiceDefinition}, started on first use
 * and then reused by every Nightshift process. Each call is one exec of {@code store.py} with one JSON request
 * line on stdin and one JSON response on stdout (the protocol is in {@code scenario-store/store.py}).
 * Thread-safe.
 */
public final class DockerScenarioStore implements ScenarioStore {

    public static final String IMAGE = "nightshift/scenario-store:current";
    public static final String CONTAINER = "nightshift-scenario-store";
    public static final String VOLUME = "nightshift-scenarios";
    public static final String BUILD_COMMAND = "scenario-store/build.sh";
    /** Marks the store container and volume; deliberately not a sandbox label, so the reaper leaves them alone. */
    public static final String ROLE_LABEL = "io.nightshift.role";
    public static final String ROLE = "scenario-store";
    /** The store image's {@code store} user. */
    static final String USER = "10001:10001";
    private static final List<String> PROGRAM = List.of("python3", "/opt/nightshift-store/store.py");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceContainers containers;
    private final ServiceDefinition definition;
    private ServiceContainer container;

    /** The store every Nightshift process shares. */
    public DockerScenarioStore(DockerEngine engine) {
        this(engine, CONTAINER, VOLUME);
    }

    /** A store under other names (tests use their own, to leave the operator's suites alone). */
    public DockerScenarioStore(DockerEngine engine, String containerName, String volumeName) {
        this.containers = new ServiceContainers(engine);
        this.definition = new ServiceDefinition(containerName, IMAGE, volumeName, "/store",
                Map.of(ROLE_LABEL, ROLE), USER, 256L * 1024 * 1024, 64, BUILD_COMMAND);
    }

    public ServiceDefinition definition() {
        return definition;
    }

    /**
     * Validates the suite ({@link SuiteLoader}) and stores it; identical content is a no-op returning the version
     * already current.
     *
     * @throws io.nightshift.harness.suite.SuiteValidationException when the suite is invalid, before the store sees it
     * @throws ScenarioStoreException when {@code name} differs from the suite's own name or the store refuses
     */
    @Override
    public SuiteVersion importSuite(String name, SuiteFiles files) {
        Suite suite = new SuiteLoader().load(files);
        if (!suite.name().equals(name)) {
            throw new ScenarioStoreException("suite.yaml names the suite '" + suite.name() + "', not '" + name
                    + "': import it as " + suite.name() + " or change its name in suite.yaml");
        }
        ObjectNode request = request("import", name);
        request.put("version", suite.version());
        request.put("scenarios", suite.scenarios().size());
        ObjectNode fileNode = request.putObject("files");
        files.files().forEach(fileNode::put);
        JsonNode response = call(request);
        return new SuiteVersion(name, response.path("version").asText(),
                Instant.parse(response.path("imported_at").asText()), suite.scenarios().size(), true);
    }

    @Override
    public List<SuiteVersion> list() {
        List<SuiteVersion> out = new ArrayList<>();
        for (JsonNode s : call(JSON.createObjectNode().put("op", "list")).path("suites")) {
            out.add(new SuiteVersion(s.path("suite").asText(), s.path("version").asText(),
                    Instant.parse(s.path("imported_at").asText()), s.path("scenarios").asInt(), true));
        }
        return out;
    }

    @Override
    public List<SuiteVersion> history(String name) {
        List<SuiteVersion> out = new ArrayList<>();
        for (JsonNode v : call(request("history", name)).path("versions")) {
            out.add(new SuiteVersion(name, v.path("version").asText(), Instant.parse(v.path("imported_at").asText()),
                    v.path("scenarios").asInt(), v.path("current").asBoolean()));
        }
        return out;
    }

    @Override
    public Optional<SuiteFiles> files(String name) {
        JsonNode response = call(request("get", name));
        if (!response.path("found").asBoolean()) {
            return Optional.empty();
        }
        Map<String, String> files = new LinkedHashMap<>();
        response.path("files").fields().forEachRemaining(e -> files.put(e.getKey(), e.getValue().asText()));
        return Optional.of(new SuiteFiles(files));
    }

    @Override
    public boolean remove(String name) {
        return call(request("rm", name)).path("removed").asBoolean();
    }

    @Override
    public void recordJudgment(String suite, String judgmentJson) {
        call(request("record_judgment", suite).put("judgment", judgmentJson));
    }

    @Override
    public List<String> judgments(String suite) {
        List<String> out = new ArrayList<>();
        call(request("judgments", suite)).path("judgments").forEach(j -> out.add(j.asText()));
        return out;
    }

    private static ObjectNode request(String op, String suite) {
        return JSON.createObjectNode().put("op", op).put("suite", suite);
    }

    /** One exec; when the container vanished since it was last used, it is started again once. */
    private JsonNode call(ObjectNode request) {
        String line;
        try {
            line = JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
        ServiceExecResult result;
        try {
            result = container().exec(PROGRAM, line, TIMEOUT);
        } catch (SandboxLostException e) {
            forgetContainer();
            result = container().exec(PROGRAM, line, TIMEOUT);
        }
        JsonNode response;
        try {
            response = JSON.readTree(result.stdout());
        } catch (JsonProcessingException e) {
            response = null;
        }
        if (response == null || !response.isObject()) {
            throw new ScenarioStoreException("the scenario store gave no answer to '" + request.path("op").asText()
                    + "' (exit code " + result.exitCode() + "): " + abbreviate(result.stderr().isBlank()
                    ? result.stdout() : result.stderr()));
        }
        if (!response.path("ok").asBoolean()) {
            throw new ScenarioStoreException("the scenario store refused to " + request.path("op").asText() + ": "
                    + response.path("error").asText());
        }
        return response;
    }

    private synchronized ServiceContainer container() {
        if (container == null) {
            container = containers.ensure(definition);
        }
        return container;
    }

    private synchronized void forgetContainer() {
        container = null;
    }

    private static String abbreviate(String text) {
        String t = text.strip();
        return t.length() > 500 ? t.substring(0, 500) + "..." : t;
    }
}
