package io.nightshift.dist;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 (native): our own code avoids what a native image cannot do without extra metadata: loading classes by
 * name, reflection on members, proxies, service loading and run-time bytecode generation. Reading classpath
 * resources is allowed only where NativeRegistrationTest checks that the resources are in resource-config.json.
 */
class NativeSafeCodeTest {

    /** Owner class to the methods whose use needs reflection metadata (or cannot work at all) in a native image. */
    private static final Map<String, Set<String>> REFLECTIVE = Map.of(
            "java.lang.Class", Set.of("forName", "getMethod", "getMethods", "getDeclaredMethod", "getDeclaredMethods",
                    "getField", "getFields", "getDeclaredField", "getDeclaredFields", "getConstructor",
                    "getConstructors", "getDeclaredConstructor", "getDeclaredConstructors", "newInstance",
                    "getRecordComponents"),
            "java.lang.ClassLoader", Set.of("loadClass", "defineClass"),
            "java.lang.reflect.Proxy", Set.of("newProxyInstance"),
            "java.lang.reflect.Method", Set.of("invoke"),
            "java.lang.reflect.Constructor", Set.of("newInstance"),
            "java.lang.reflect.AccessibleObject", Set.of("setAccessible"),
            "java.lang.reflect.RecordComponent", Set.of("getAccessor"),
            "java.lang.invoke.MethodHandles$Lookup", Set.of("defineClass", "defineHiddenClass", "findVirtual",
                    "findStatic", "findConstructor", "findGetter", "findSetter", "findClass"),
            "java.util.ServiceLoader", Set.of("load", "loadInstalled"));

    /** Owner class to the methods that read classpath resources. */
    private static final Map<String, Set<String>> RESOURCES = Map.of(
            "java.lang.Class", Set.of("getResource", "getResourceAsStream"),
            "java.lang.ClassLoader", Set.of("getResource", "getResourceAsStream", "getResources",
                    "getSystemResource", "getSystemResourceAsStream", "getSystemResources"));

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.nightshift");
    }

    @Test
    void ourCodeUsesNoReflectionByNameNoProxiesNoServiceLoaderAndNoBytecodeGeneration() {
        noClasses().that().resideInAPackage("io.nightshift..")
                // Reads the components of the agent event records to write them as JSON. Every record is in
                // reflect-config.json with all its members (NativeRegistrationTest), which is what this needs.
                .and().doNotHaveFullyQualifiedName("io.nightshift.agent.event.AgentEventJson")
                .should().callCodeUnitWhere(targetIn(REFLECTIVE, "reflection, class loading by name, a proxy,"
                        + " ServiceLoader or bytecode generation"))
                .because("a native image needs metadata for each of these (native/README.md); use plain calls,"
                        + " or register the types and add the class to this test's exceptions with the reason")
                .check(classes);
    }

    @Test
    void classpathResourcesAreReadOnlyWhereTheirRegistrationIsChecked() {
        noClasses().that().resideInAPackage("io.nightshift..")
                .and().doNotHaveFullyQualifiedName("io.nightshift.llm.ModelCatalog")
                .and().doNotHaveFullyQualifiedName("io.nightshift.agent.profile.ProfileResources")
                .and().doNotHaveFullyQualifiedName("io.nightshift.twin.cassette.CassetteTwinProgram")
                .should().callCodeUnitWhere(targetIn(RESOURCES, "a classpath resource read"))
                .because("a native image holds only the resources listed in resource-config.json: add the resource"
                        + " there, a check to NativeRegistrationTest, and the class to this test's exceptions")
                .check(classes);
    }

    @Test
    void ourCodeHasNoTypeReferenceSubclasses() {
        noClasses().that().resideInAPackage("io.nightshift..")
                .should().beAssignableTo("com.fasterxml.jackson.core.type.TypeReference")
                .because("Jackson reads a TypeReference's generic superclass by reflection, which a native image"
                        + " keeps only for registered classes; use the mapper's TypeFactory instead")
                .check(classes);
    }

    private static DescribedPredicate<JavaAccess<?>> targetIn(Map<String, Set<String>> methods, String what) {
        return DescribedPredicate.describe(what, access -> {
            Set<String> names = methods.get(access.getTargetOwner().getName());
            return names != null && names.contains(access.getTarget().getName());
        });
    }
}
