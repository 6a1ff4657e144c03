package io.nightshift.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/**
 * Issue 9 (native): the configuration native-image would receive, as Quarkus wrote it into
 * {@code target/native-sources/} ({@code mvn -Pnative -Dquarkus.native.sources-only=true package}), holds what
 * Quarkus and its extensions register next to our own files: JGit's (quarkus-jgit), picocli's commands, and the
 * classpath resources we read. Skipped, with the reason, when there are no fresh native sources; CI builds them and
 * sets NIGHTSHIFT_REQUIRE_NATIVE_SOURCES, which turns the skip into a failure.
 */
class NativeSourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path classes;
    private static String skipReason;
    private static final Set<String> reflective = new TreeSet<>();
    private static final Set<String> bundles = new TreeSet<>();
    private static final List<Pattern> resourceIncludes = new ArrayList<>();
    private static final Set<String> jarEntries = new TreeSet<>();

    @BeforeAll
    static void readTheNativeSources() throws Exception {
        classes = Path.of(NativeSourcesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolveSibling("classes");
        Path sources = classes.resolveSibling("native-sources");
        Path runner = null;
        if (Files.isDirectory(sources)) {
            try (Stream<Path> files = Files.list(sources)) {
                runner = files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst().orElse(null);
            }
        }
        if (runner == null) {
            skipReason = "no native sources in " + sources + " (build them with 'mvn -Pnative"
                    + " -Dquarkus.native.sources-only=true -DskipTests package')";
        } else if (Files.getLastModifiedTime(runner).compareTo(newestRegistrationFile()) < 0) {
            skipReason = runner + " is older than the registration files in " + classes + ": rebuild the native sources";
        }
        if (skipReason != null) {
            if (System.getenv("NIGHTSHIFT_REQUIRE_NATIVE_SOURCES") != null) {
                throw new AssertionError(skipReason + " (NIGHTSHIFT_REQUIRE_NATIVE_SOURCES is set: CI requires this test)");
            }
            return;
        }
        try (JarFile jar = new JarFile(runner.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                jarEntries.add(name);
                if (!name.startsWith("META-INF/native-image/")) {
                    continue;
                }
                if (name.endsWith("/reflect-config.json")) {
                    read(jar, entry).forEach(e -> reflective.add(e.path("name").asText()));
                } else if (name.endsWith("/resource-config.json")) {
                    JsonNode config = read(jar, entry);
                    config.path("bundles").forEach(b -> bundles.add(b.path("name").asText()));
                    config.path("resources").path("includes")
                            .forEach(i -> resourceIncludes.add(Pattern.compile(i.path("pattern").asText())));
                }
            }
        }
    }

    @BeforeEach
    void requireTheNativeSources() {
        assumeTrue(skipReason == null, skipReason);
    }

    @Test
    void quarkusJGitContributesItsRegistration() {
        // registered by the extension's build step, not by our files: proves the extension ran in the native build
        assertThat(reflective).contains("org.eclipse.jgit.lib.CoreConfig$AutoCRLF",
                "org.eclipse.jgit.lib.CoreConfig$TrustStat", "org.eclipse.jgit.lib.RefUpdate$Result",
                "org.eclipse.jgit.internal.JGitText");
        assertThat(bundles).contains("org.eclipse.jgit.internal.JGitText", "org.eclipse.jgit.internal.storage.dfs.DfsText",
                "org.eclipse.jgit.gitrepo.internal.RepoText");
    }

    @Test
    void everyPicocliCommandAndArgumentGroupIsRegistered() throws Exception {
        Set<String> picocli = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes.resolve("io/nightshift"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                if (type.isAnnotationPresent(Command.class)) {
                    picocli.add(name);
                    for (Field field : type.getDeclaredFields()) {
                        if (field.isAnnotationPresent(ArgGroup.class)) {
                            picocli.add(field.getType().getName());
                        }
                    }
                }
            }
        }
        assertThat(picocli).contains("io.nightshift.cli.NightshiftCommand", "io.nightshift.cli.RunCommand",
                "io.nightshift.cli.RunCommand$Verbosity");
        List<String> missing = new ArrayList<>(picocli);
        missing.removeAll(reflective);
        assertThat(missing).as("picocli commands and argument groups the native image could not bind").isEmpty();
    }

    @Test
    void theResourcesWeReadAreInTheRunnerJarAndIncluded() {
        List<String> needed = jarEntries.stream()
                .filter(e -> e.startsWith("agent-spec/profiles/") && !e.endsWith("/")).toList();
        assertThat(needed).as("agent profiles in the runner jar").contains("agent-spec/profiles/openai/system.md",
                "agent-spec/profiles/anthropic/tools/index.txt");
        List<String> all = new ArrayList<>(needed);
        all.add("io/nightshift/llm/models.json");
        assertThat(jarEntries).containsAll(all);
        assertThat(all).as("resources no include pattern of the native configuration matches").allSatisfy(r ->
                assertThat(resourceIncludes).anySatisfy(p -> assertThat(p.matcher(r).matches()).isTrue()));
    }

    private static JsonNode read(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return JSON.readTree(in);
        }
    }

    private static FileTime newestRegistrationFile() throws IOException {
        FileTime newest = FileTime.fromMillis(0);
        Path registration = classes.resolve("META-INF/native-image");
        if (!Files.isDirectory(registration)) {
            return newest;
        }
        try (Stream<Path> files = Files.walk(registration)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                FileTime time = Files.getLastModifiedTime(file);
                if (time.compareTo(newest) > 0) {
                    newest = time;
                }
            }
        }
        return newest;
    }
}
