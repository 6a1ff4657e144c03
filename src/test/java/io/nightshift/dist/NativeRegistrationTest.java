package io.nightshift.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 (native): every type Jackson may bind by reflection (our records, enums and Jackson-annotated types) is
 * registered in META-INF/native-image/io.nightshift/nightshift/reflect-config.json, and the classpath resources
 * read at run time are in resource-config.json. A new DTO without registration fails here, not on a build server.
 * docker-java's JSON models (api.model, api.command responses, core.command requests) are registered separately.
 */
class NativeRegistrationTest {

    private static final String BASE = "META-INF/native-image/io.nightshift/nightshift/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyRecordEnumAndJacksonAnnotatedTypeIsRegisteredForReflection() throws Exception {
        Set<String> registered = new TreeSet<>();
        for (JsonNode entry : read("reflect-config.json")) {
            registered.add(entry.path("name").asText());
            assertThat(entry.path("allDeclaredConstructors").asBoolean()).as(entry.toString()).isTrue();
            assertThat(entry.path("allDeclaredMethods").asBoolean()).as(entry.toString()).isTrue();
            assertThat(entry.path("allDeclaredFields").asBoolean()).as(entry.toString()).isTrue();
        }
        List<String> missing = new ArrayList<>(bindableTypes());
        missing.removeAll(registered);
        assertThat(missing).as("types Jackson binds by reflection but reflect-config.json lacks; add these entries:\n%s",
                missing.stream().map(n -> "  {\"name\": \"" + n + "\", \"allDeclaredConstructors\": true, "
                        + "\"allDeclaredMethods\": true, \"allDeclaredFields\": true},")
                        .collect(Collectors.joining("\n"))).isEmpty();
        assertThat(registered).as("registered names that are no longer classes").allSatisfy(name ->
                assertThat(Class.forName(name, false, getClass().getClassLoader())).isNotNull());
    }

    @Test
    void dockerJavasJsonModelsAreRegisteredAndExist() throws Exception {
        Set<String> registered = new TreeSet<>();
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/native-image/com.github.docker-java/docker-java/reflect-config.json")) {
            assertThat(in).as("docker-java reflect-config.json on the classpath").isNotNull();
            JSON.readTree(in).forEach(e -> registered.add(e.path("name").asText()));
        }
        // the types the Docker sandbox sends and receives as JSON
        assertThat(registered).contains("com.github.dockerjava.api.model.HostConfig",
                "com.github.dockerjava.api.command.CreateContainerResponse",
                "com.github.dockerjava.api.command.InspectContainerResponse",
                "com.github.dockerjava.core.command.CreateContainerCmdImpl");
        assertThat(registered).allSatisfy(name ->
                assertThat(Class.forName(name, false, getClass().getClassLoader())).isNotNull());
    }

    @Test
    void theResourcesReadAtRunTimeAreIncludedInTheNativeImage() throws Exception {
        List<String> patterns = new ArrayList<>();
        read("resource-config.json").path("resources").path("includes")
                .forEach(i -> patterns.add(i.path("pattern").asText()));
        assertThat(patterns).anySatisfy(p -> assertThat("io/nightshift/llm/models.json").matches(p));
        try (InputStream in = getClass().getResourceAsStream("/io/nightshift/llm/models.json")) {
            assertThat(in).as("the model catalog resource exists").isNotNull();
        }
    }

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = NativeRegistrationTest.class.getClassLoader().getResourceAsStream(BASE + name)) {
            assertThat(in).as(BASE + name + " on the classpath").isNotNull();
            return JSON.readTree(in);
        }
    }

    /** Records, enums and Jackson-annotated types among the application's compiled classes. */
    static Set<String> bindableTypes() throws Exception {
        Path classes = Path.of(NativeRegistrationTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolveSibling("classes");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes.resolve("io/nightshift"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.endsWith("package-info") || name.matches(".*\\$\\d+.*")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, NativeRegistrationTest.class.getClassLoader());
                if (type.isRecord() || type.isEnum() || jacksonAnnotated(type)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static boolean jacksonAnnotated(Class<?> type) {
        return Arrays.stream(type.getDeclaredAnnotations()).map(Annotation::annotationType)
                .anyMatch(a -> a.getName().startsWith("com.fasterxml.jackson."));
    }
}
