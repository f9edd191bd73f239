package dev.parley;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module map of the README, enforced: the doors ({@code web}, {@code live}) on top, rendering
 * below them, the domain ({@code chat}) owning its records, events and seams, the engines
 * ({@code store}, {@code cluster}) implementing those seams, and {@code auth} and {@code util} at
 * the bottom. The root package only wires.
 */
@AnalyzeClasses(packages = "dev.parley", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesFormNoCycles =
            slices().matching("dev.parley.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersOnlyPointDown = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage("dev.parley..")
            .layer("wiring")
            .definedBy("dev.parley")
            .layer("web")
            .definedBy("dev.parley.web..")
            .layer("live")
            .definedBy("dev.parley.live..")
            .layer("render")
            .definedBy("dev.parley.render..")
            .layer("domain")
            .definedBy("dev.parley.chat..")
            .layer("store")
            .definedBy("dev.parley.store..")
            .layer("cluster")
            .definedBy("dev.parley.cluster..")
            .layer("auth")
            .definedBy("dev.parley.auth..")
            .layer("util")
            .definedBy("dev.parley.util..")
            .whereLayer("wiring")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("web")
            .mayOnlyBeAccessedByLayers("wiring")
            .whereLayer("live")
            .mayOnlyBeAccessedByLayers("wiring", "web")
            .whereLayer("render")
            .mayOnlyBeAccessedByLayers("wiring", "web", "live")
            .whereLayer("store")
            .mayOnlyBeAccessedByLayers("wiring")
            .whereLayer("cluster")
            .mayOnlyBeAccessedByLayers("wiring")
            .whereLayer("domain")
            .mayOnlyBeAccessedByLayers("wiring", "web", "live", "render", "store", "cluster")
            .whereLayer("auth")
            .mayOnlyBeAccessedByLayers("wiring", "web", "live", "render", "domain", "store", "cluster");
}
