package io.nightshift.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Enforces the layer table of DESIGN.md: dependencies only point down. */
class LayerDependenciesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.nightshift");
    }

    /** DESIGN.md's layer table, row by row ("may import"), read from the other side: who may use each layer. */
    @Test
    void layersOnlyDependOnTheLayersBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("event").definedBy("io.nightshift.event..")
                .layer("llm").definedBy("io.nightshift.llm..")
                .layer("sandbox").definedBy("io.nightshift.sandbox..")
                .layer("workspace").definedBy("io.nightshift.workspace..")
                .layer("twin").definedBy("io.nightshift.twin..")
                .layer("agent").definedBy("io.nightshift.agent..")
                .layer("pipeline").definedBy("io.nightshift.pipeline..")
                .layer("harness").definedBy("io.nightshift.harness..")
                .layer("forge").definedBy("io.nightshift.forge..")
                .layer("runtime").definedBy("io.nightshift.runtime..")
                .layer("server").definedBy("io.nightshift.server..")
                .layer("cli").definedBy("io.nightshift.cli..")
                .layer("mcp").definedBy("io.nightshift.mcp..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("server").mayNotBeAccessedByAnyLayer()
                // the entry point's command line lists `nightshift mcp`, whose command hands stdio to the MCP server
                .whereLayer("mcp").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("runtime").mayOnlyBeAccessedByLayers("server", "cli", "mcp")
                .whereLayer("forge").mayOnlyBeAccessedByLayers("runtime")
                .whereLayer("harness").mayOnlyBeAccessedByLayers("runtime")
                .whereLayer("pipeline").mayOnlyBeAccessedByLayers("runtime")
                .whereLayer("agent").mayOnlyBeAccessedByLayers("runtime")
                .whereLayer("twin").mayOnlyBeAccessedByLayers("harness", "runtime")
                .whereLayer("workspace").mayOnlyBeAccessedByLayers("harness", "forge", "runtime")
                .whereLayer("llm").mayOnlyBeAccessedByLayers("agent", "harness", "runtime")
                .whereLayer("sandbox").mayOnlyBeAccessedByLayers("agent", "pipeline", "harness", "runtime")
                .check(classes);
    }

    /** The event protocol is data: every layer may use it, it uses none of ours. */
    @Test
    void eventTypesDependOnNothingOfOurs() {
        classes().that().resideInAPackage("io.nightshift.event..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.nightshift.event..", "java..",
                        "com.fasterxml.jackson..")
                .check(classes);
    }

    /** STYLE 23: a layer's {@code internal} packages are its own; nothing outside the layer touches them. */
    @Test
    void nothingOutsideALayerTouchesItsInternalPackages() {
        for (String layer : List.of("llm", "sandbox", "workspace", "twin", "agent", "pipeline", "harness", "forge",
                "runtime", "server", "cli", "mcp")) {
            String root = "io.nightshift." + layer;
            noClasses().that().resideOutsideOfPackage(root + "..")
                    .should().dependOnClassesThat().resideInAPackage(root + "..internal..")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void pipelineUsesOnlyTheExecutionEnvironmentContractOfTheSandbox() {
        noClasses().that().resideInAPackage("io.nightshift.pipeline..")
                .should().dependOnClassesThat().resideInAPackage("io.nightshift.sandbox.docker..")
                .check(classes);
    }

    /**
     * DESIGN.md: the edges import runtime (+ event types) and nothing else of ours, not even the engine's result
     * types; developer commands go through small runtime services (STYLE 24).
     */
    @Test
    void edgesNameOnlyRuntimeAndEventTypes() {
        noClasses().that().resideInAnyPackage("io.nightshift.cli..", "io.nightshift.server..", "io.nightshift.mcp..")
                .should().dependOnClassesThat().resideInAnyPackage("io.nightshift.llm..", "io.nightshift.sandbox..",
                        "io.nightshift.workspace..", "io.nightshift.twin..", "io.nightshift.agent..",
                        "io.nightshift.pipeline..", "io.nightshift.harness..", "io.nightshift.forge..")
                .check(classes);
    }

    @Test
    void coreLayersArePlainJava() {
        noClasses().that().resideInAnyPackage("io.nightshift.llm..", "io.nightshift.sandbox..",
                        "io.nightshift.workspace..", "io.nightshift.agent..", "io.nightshift.pipeline..",
                        "io.nightshift.harness..", "io.nightshift.twin..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta.enterprise..",
                        "jakarta.inject..", "io.smallrye.mutiny..", "picocli..")
                .check(classes);
    }

    @Test
    void jgitStaysInsideTheWorkspacePackage() {
        noClasses().that().resideOutsideOfPackage("io.nightshift.workspace..")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.jgit..")
                .check(classes);
    }

    @Test
    void dockerJavaStaysInsideTheSandboxPackage() {
        noClasses().that().resideOutsideOfPackages("io.nightshift.sandbox..")
                .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
                .check(classes);
    }
}
