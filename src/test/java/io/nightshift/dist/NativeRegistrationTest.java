package io.nightshift.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 (native): every type Jackson may bind by reflection (our records, enums and Jackson-annotated types) is
 * registered in META-INF/native-image/io.nightshift/nightshift/reflect-config.json, and the classpath resources
 * read at run time are in resource-config.json. A new DTO without registration fails here, not on a build server.
 * docker-java's JSON models (api.model, api.command responses, core.command requests, core.exec TypeReferences) and
 * JGit's message bundles are registered in their own directories under META-INF/native-image/.
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

    @Test
    void theCassetteTwinProgramTheJudgeStartsIsIncluded() throws Exception {
        List<String> patterns = new ArrayList<>();
        read("resource-config.json").path("resources").path("includes")
                .forEach(i -> patterns.add(i.path("pattern").asText()));
        // CassetteTwinProgram.source() reads the Python twin it writes into the judge's twin containers
        String resource = "io/nightshift/twin/cassette/cassette_twin.py";
        assertThat(patterns).anySatisfy(p -> assertThat(resource).matches(p));
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("the cassette twin program exists").isNotNull();
        }
    }

    @Test
    void theAgentProfilesReadFromTheClasspathAreIncluded() throws Exception {
        List<Pattern> includes = new ArrayList<>();
        read("resource-config.json").path("resources").path("includes")
                .forEach(i -> includes.add(Pattern.compile(i.path("pattern").asText())));
        // ProfileResources.classpath() reads agent-spec/profiles/<provider>/system.md, tools/index.txt and the
        // tool files it lists; agent-spec/ is a resource directory of the build (pom.xml).
        Path classes = classesDirectory();
        List<String> files;
        try (Stream<Path> walk = Files.walk(classes.resolve("agent-spec/profiles"))) {
            files = walk.filter(Files::isRegularFile)
                    .map(f -> classes.relativize(f).toString().replace(File.separatorChar, '/')).toList();
        }
        assertThat(files).as("profile files on the classpath").contains("agent-spec/profiles/openai/system.md",
                "agent-spec/profiles/anthropic/tools/index.txt", "agent-spec/profiles/gemini/tools/read_file.json");
        assertThat(files).as("profile resources not matched by any include of resource-config.json")
                .allSatisfy(f -> assertThat(includes).anySatisfy(p -> assertThat(p.matcher(f).matches()).isTrue()));
    }

    @Test
    void everyJGitMessageBundleIsRegisteredWithItsProperties() throws Exception {
        // JGit's TranslationBundle subclasses are created by reflection (no-arg constructor), filled through their
        // public String fields by reflection, from a ResourceBundle of the same name: all three need metadata.
        Class<?> bundleType = Class.forName("org.eclipse.jgit.nls.TranslationBundle");
        List<String> bundles = subclassesIn(bundleType, bundleType);
        assertThat(bundles).contains("org.eclipse.jgit.internal.JGitText");
        String base = "META-INF/native-image/org.eclipse.jgit/org.eclipse.jgit/";
        JsonNode reflect = readResource(base + "reflect-config.json");
        Set<String> registered = new TreeSet<>();
        for (JsonNode entry : reflect) {
            assertThat(entry.path("allDeclaredConstructors").asBoolean()).as(entry.toString()).isTrue();
            assertThat(entry.path("allPublicFields").asBoolean()).as(entry.toString()).isTrue();
            registered.add(entry.path("name").asText());
        }
        Set<String> resourceBundles = new TreeSet<>();
        readResource(base + "resource-config.json").path("bundles")
                .forEach(b -> resourceBundles.add(b.path("name").asText()));
        assertThat(registered).as("JGit message bundles registered for reflection").containsAll(bundles);
        assertThat(resourceBundles).as("JGit message bundles in resource-config.json").containsAll(bundles);
        for (String bundle : bundles) {
            assertThat(getClass().getClassLoader().getResource(bundle.replace('.', '/') + ".properties"))
                    .as("the messages of " + bundle).isNotNull();
        }
    }

    @Test
    void dockerJavasTypeReferencesAndItsUnixSocketLookupAreRegistered() throws Exception {
        JsonNode config = readResource("META-INF/native-image/com.github.docker-java/docker-java/reflect-config.json");
        Set<String> registered = new TreeSet<>();
        config.forEach(e -> registered.add(e.path("name").asText()));
        // docker-java-core reads each response through an anonymous TypeReference subclass: Jackson takes the
        // target type from its generic superclass, which a native image keeps only for registered classes.
        Class<?> typeReference = Class.forName("com.fasterxml.jackson.core.type.TypeReference");
        List<String> references = subclassesIn(Class.forName("com.github.dockerjava.core.DockerClientImpl"),
                typeReference);
        assertThat(references).contains("com.github.dockerjava.core.exec.CreateContainerCmdExec$1");
        assertThat(registered).as("docker-java TypeReference subclasses registered").containsAll(references);
        // The Unix socket transport finds java.net.UnixDomainSocketAddress.of(String) by name and, when that
        // fails, falls back to JNA, which is not on our classpath: the Docker sandbox would not connect.
        JsonNode socket = null;
        for (JsonNode entry : config) {
            if (entry.path("name").asText().equals("java.net.UnixDomainSocketAddress")) {
                socket = entry;
            }
        }
        assertThat(socket).as("java.net.UnixDomainSocketAddress in docker-java's reflect-config.json").isNotNull();
        assertThat(socket.path("methods").toString()).contains("\"of\"").contains("java.lang.String");
    }

    @Test
    void theJacksonHelpersNamedByRegisteredTypesAreRegistered() throws Exception {
        Set<String> registered = new TreeSet<>();
        for (JsonNode entry : read("reflect-config.json")) {
            registered.add(entry.path("name").asText());
        }
        readResource("META-INF/native-image/com.github.docker-java/docker-java/reflect-config.json")
                .forEach(e -> registered.add(e.path("name").asText()));
        // Jackson instantiates the (de)serializers, builders and subtypes that annotations name, by reflection.
        Set<String> named = new TreeSet<>();
        for (String name : registered) {
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            List<Annotation> annotations = new ArrayList<>(Arrays.asList(type.getDeclaredAnnotations()));
            if (!type.getName().startsWith("java.")) {
                for (var field : type.getDeclaredFields()) {
                    annotations.addAll(Arrays.asList(field.getDeclaredAnnotations()));
                }
                for (var method : type.getDeclaredMethods()) {
                    annotations.addAll(Arrays.asList(method.getDeclaredAnnotations()));
                }
                for (var constructor : type.getDeclaredConstructors()) {
                    for (Annotation[] parameter : constructor.getParameterAnnotations()) {
                        annotations.addAll(Arrays.asList(parameter));
                    }
                }
            }
            for (Annotation annotation : annotations) {
                if (annotation.annotationType().getName().startsWith("com.fasterxml.jackson.")) {
                    classesNamedBy(annotation, named);
                }
            }
        }
        // the collector sees what it must: the twin script's part subtypes are named by @JsonSubTypes
        assertThat(named).contains("io.nightshift.twin.script.Part$Text", "io.nightshift.twin.script.Part$ToolCall");
        named.removeIf(n -> n.startsWith("java.") || n.endsWith("$None") || n.equals("void")
                || n.startsWith("com.fasterxml.jackson."));
        List<String> missing = new ArrayList<>(named);
        missing.removeAll(registered);
        assertThat(missing).as("classes Jackson annotations name (using=, builder=, subtypes) but no"
                + " reflect-config.json registers").isEmpty();
    }

    /** Adds the classes an annotation names (Class and Class[] values, nested annotations) to {@code out}. */
    private static void classesNamedBy(Annotation annotation, Set<String> out) throws Exception {
        for (var element : annotation.annotationType().getDeclaredMethods()) {
            Object value = element.invoke(annotation);
            if (value instanceof Class<?> c) {
                out.add(c.getName());
            } else if (value instanceof Class<?>[] cs) {
                Arrays.stream(cs).forEach(c -> out.add(c.getName()));
            } else if (value instanceof Annotation nested) {
                classesNamedBy(nested, out);
            } else if (value instanceof Annotation[] nested) {
                for (Annotation a : nested) {
                    classesNamedBy(a, out);
                }
            }
        }
    }

    /** Concrete subclasses of {@code type} among the classes of the jar that holds {@code inJarOf}. */
    private static List<String> subclassesIn(Class<?> inJarOf, Class<?> type) throws Exception {
        Path jar = Path.of(inJarOf.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> found = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                String path = entry.getName();
                if (!path.endsWith(".class") || path.contains("-") || path.startsWith("META-INF/")) {
                    continue;
                }
                String name = path.substring(0, path.length() - ".class".length()).replace('/', '.');
                Class<?> candidate;
                try {
                    candidate = Class.forName(name, false, NativeRegistrationTest.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue; // optional dependencies of the library that are not on our classpath
                }
                if (candidate != type && type.isAssignableFrom(candidate)
                        && !Modifier.isAbstract(candidate.getModifiers())) {
                    found.add(name);
                }
            }
        }
        return found;
    }

    private static Path classesDirectory() throws Exception {
        return Path.of(NativeRegistrationTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolveSibling("classes");
    }

    private static JsonNode readResource(String path) throws IOException {
        try (InputStream in = NativeRegistrationTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path + " on the classpath").isNotNull();
            return JSON.readTree(in);
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
