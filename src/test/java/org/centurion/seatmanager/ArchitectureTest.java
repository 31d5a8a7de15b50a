package org.centurion.seatmanager;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import java.util.Set;
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

  /** The composition root: the one class that builds clients, signers and process-wide services. */
  private static final String COMPOSITION_ROOT = ROOT + ".app.Components";

  /** Clients and services a process holds once, so they are built in {@link #COMPOSITION_ROOT} only. */
  private static final Set<String> BUILT_ONCE = Set.of(ROOT + ".chain.ExecutionClient", ROOT + ".beacon.BeaconClient",
      ROOT + ".alerts.AlertService", ROOT + ".alerts.MoveHolds", ROOT + ".watch.WatcherCursors",
      ROOT + ".keys.KeyProcessClient", ROOT + ".ops.OperationService");

  /** Factories of a process's database pool, chain clients and treasury signer: called by the composition root only. */
  private static final Set<String> FACTORIES = Set.of(ROOT + ".store.Database.open",
      ROOT + ".chain.ChainClients.fromConfig", ROOT + ".signing.TreasurySigners.fromConfig");

  @Test
  void clientsAndServicesAreBuiltOnlyByTheCompositionRoot() {
    // ChainClients is the factory of the execution clients it holds (Components calls it)
    noClasses().that().doNotHaveFullyQualifiedName(COMPOSITION_ROOT)
        .and().doNotHaveFullyQualifiedName(ROOT + ".chain.ChainClients")
        .should().callConstructorWhere(DescribedPredicate.describe("a constructor of " + BUILT_ONCE,
            (JavaConstructorCall call) -> BUILT_ONCE.contains(call.getTargetOwner().getFullName())))
        .check(CLASSES);
  }

  @Test
  void theDatabaseChainClientsAndSignerAreOpenedOnlyByTheCompositionRoot() {
    // TreasurySigners' overloads delegate to each other
    noClasses().that().doNotHaveFullyQualifiedName(COMPOSITION_ROOT)
        .and().doNotHaveFullyQualifiedName(ROOT + ".signing.TreasurySigners")
        .should().callMethodWhere(DescribedPredicate.describe("one of " + FACTORIES,
            (JavaMethodCall call) -> FACTORIES.contains(call.getTargetOwner().getFullName() + "." + call.getName())))
        .check(CLASSES);
  }
}
