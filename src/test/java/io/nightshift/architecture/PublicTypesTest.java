package io.nightshift.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/packages.md: a top-level type is {@code public} only when another package uses it (its production code or
 * its tests); every other type is package-private, so a package's public types are its API and the rest is visibly
 * inside. A type counts as used elsewhere when the bytecode of another package depends on it or another package's
 * source names it: each view alone misses uses (inlined constants, pattern switches, catch clauses; calls chained
 * through a returned value), so only a type both views find unused is reported.
 */
class PublicTypesTest {

    /** Frameworks reach these by reflection or generated code, not by a dependency either view can see. */
    private static final List<String> FRAMEWORK_ANNOTATIONS = List.of("jakarta.", "io.quarkus.", "picocli.",
            "org.jboss.resteasy.", "io.smallrye.", "com.fasterxml.jackson.", "org.eclipse.microprofile.");

    private static final Pattern WORD = Pattern.compile("\\b[A-Z]\\w*\\b");

    @Test
    void aTopLevelTypeIsPublicOnlyWhenAnotherPackageUsesIt() throws IOException {
        Set<String> production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.nightshift").stream().map(JavaClass::getName).collect(Collectors.toSet());
        JavaClasses all = new ClassFileImporter().importPackages("io.nightshift");
        Map<String, Set<String>> packagesNaming = packagesNamingEachWord(List.of(Path.of("src/main/java"),
                Path.of("src/test/java")));

        List<String> needlesslyPublic = all.stream()
                .filter(c -> production.contains(c.getName()))
                .filter(JavaClass::isTopLevelClass)
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> !c.getSimpleName().equals("package-info"))
                .filter(c -> !reachedByAFramework(c))
                .filter(c -> !aCaseOfAPublicSealedType(c))
                .filter(c -> !inTheContractOfAPublicInterface(c))
                .filter(c -> c.getDirectDependenciesToSelf().stream()
                        .allMatch(d -> d.getOriginClass().getPackageName().equals(c.getPackageName())))
                .filter(c -> packagesNaming.getOrDefault(c.getSimpleName(), Set.of()).stream()
                        .allMatch(p -> p.equals(c.getPackageName())))
                .map(JavaClass::getName)
                .sorted()
                .toList();

        assertThat(production).as("the production classes were found").hasSizeGreaterThan(100);
        assertThat(needlesslyPublic).as("public types no other package uses: drop 'public' (docs/packages.md)")
                .isEmpty();
    }

    /** For each capitalised word of the sources, the packages whose files contain it. */
    private static Map<String, Set<String>> packagesNamingEachWord(List<Path> roots) throws IOException {
        Map<String, Set<String>> packages = new HashMap<>();
        for (Path root : roots) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(p -> p.toString().endsWith(".java")).toList();
            }
            for (Path file : files) {
                String pkg = root.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(),
                        ".");
                Set<String> words = new HashSet<>();
                Matcher m = WORD.matcher(Files.readString(file));
                while (m.find()) {
                    words.add(m.group());
                }
                words.forEach(w -> packages.computeIfAbsent(w, k -> new HashSet<>()).add(pkg));
            }
        }
        return packages;
    }

    /** A pattern switch over a sealed type names its cases in a way the bytecode import cannot see; they are API. */
    private static boolean aCaseOfAPublicSealedType(JavaClass c) {
        return Stream.concat(c.getAllRawSuperclasses().stream(), c.getAllRawInterfaces().stream())
                .anyMatch(s -> s.getModifiers().contains(JavaModifier.PUBLIC) && s.getName().startsWith("io.nightshift.")
                        && s.reflect().isSealed());
    }

    /**
     * A parameter or result of a public interface's method is part of its contract: a lambda in another package
     * implements it without naming the type, and the bytecode import does not see the lambda's parameters.
     */
    private static boolean inTheContractOfAPublicInterface(JavaClass c) {
        return Stream.concat(c.getMethodsWithParameterTypeOfSelf().stream(), c.getMethodsWithReturnTypeOfSelf().stream())
                .anyMatch(m -> m.getOwner().isInterface() && m.getOwner().getModifiers().contains(JavaModifier.PUBLIC)
                        && m.getModifiers().contains(JavaModifier.ABSTRACT));
    }

    /** Annotated for a framework, or a body or answer of a method that is (a REST resource's request record). */
    private static boolean reachedByAFramework(JavaClass c) {
        Stream<JavaAnnotation<?>> annotations = Stream.concat(Stream.concat(c.getAnnotations().stream(),
                c.getMembers().stream().flatMap(m -> m.getAnnotations().stream())),
                Stream.concat(c.getMethodsWithParameterTypeOfSelf().stream(), c.getMethodsWithReturnTypeOfSelf().stream())
                        .flatMap(m -> m.getAnnotations().stream()));
        return annotations.anyMatch(a -> FRAMEWORK_ANNOTATIONS.stream()
                .anyMatch(prefix -> a.getRawType().getName().startsWith(prefix)))
                || c.getMethods().stream().anyMatch(m -> m.getName().equals("main")
                        && m.getModifiers().contains(JavaModifier.STATIC));
    }
}
