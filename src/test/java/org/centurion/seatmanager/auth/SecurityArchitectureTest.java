package org.centurion.seatmanager.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.centurion.seatmanager.web.Endpoint;
import org.junit.jupiter.api.Test;

/** The security core's structural rules: configuration comes in through constructors, routes are sealed. */
class SecurityArchitectureTest {
  static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.centurion.seatmanager.auth", "org.centurion.seatmanager.audit",
          "org.centurion.seatmanager.web.auth", "org.centurion.seatmanager.web.audit");

  @Test
  void noSecurityClassReadsTheEnvironment() {
    noClasses().should().callMethod(System.class, "getenv").check(CLASSES);
    noClasses().should().callMethod(System.class, "getenv", String.class).check(CLASSES);
  }

  @Test
  void routesAreFinalAndLiveInTheirFeaturesWebPackage() {
    classes().that().implement(Endpoint.class).should().haveModifier(JavaModifier.FINAL)
        .andShould().resideInAnyPackage("..web.auth..", "..web.audit..").check(CLASSES);
  }
}
