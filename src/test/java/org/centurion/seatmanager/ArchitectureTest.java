package org.centurion.seatmanager;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/architecture.md, held against the compiled classes: {@code web} is the top
 * floor and the only place that knows Javalin, {@code cli} the only one that knows picocli, features
 * never reach up into either, and no two packages depend on each other.
 */
class ArchitectureTest {
  private static final String ROOT = "org.centurion.seatmanager";
  static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(ROOT);

  @Test
  void topLevelPackagesAreFreeOfCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void everyPackageIsFreeOfCycles() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void onlyTheWebLayerKnowsJavalin() {
    noClasses().that().resideOutsideOfPackage(ROOT + ".web..")
        .should().dependOnClassesThat().resideInAPackage("io.javalin..").check(CLASSES);
  }

  @Test
  void featuresNeverReachUpIntoTheWebLayerOrTheCommandLine() {
    noClasses().that().resideOutsideOfPackages(ROOT + ".web..", ROOT + ".app..", ROOT + ".cli..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".web..", ROOT + ".cli..", ROOT + ".app..")
        .check(CLASSES);
  }

  @Test
  void theWebLayerNeverUsesTheCommandLine() {
    noClasses().that().resideInAPackage(ROOT + ".web..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".cli..").check(CLASSES);
  }

  @Test
  void onlyTheCommandLineKnowsPicocli() {
    noClasses().that().resideOutsideOfPackage(ROOT + ".cli..")
        .should().dependOnClassesThat().resideInAPackage("picocli..").check(CLASSES);
  }

  @Test
  void domainProblemsAreALeafThatKnowsNoHttp() {
    classes().that().resideInAPackage(ROOT + ".problem..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", ROOT + ".problem..").check(CLASSES);
  }

  @Test
  void theRootPackageHoldsNoClasses() {
    noClasses().should().resideInAPackage(ROOT).check(CLASSES);
  }

  @Test
  void routesLiveInTheWebLayer() {
    classes().that().implement(ROOT + ".web.Endpoint").should().resideInAPackage(ROOT + ".web..").check(CLASSES);
  }
}
