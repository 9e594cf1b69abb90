package io.sockwarden.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps dependencies pointing one way (STYLE.md). */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.sockwarden");

  @Test
  void droolsStaysInsideTheEngine() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.sockwarden.engine..")
        .and()
        .resideOutsideOfPackage("io.sockwarden.rules..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.drools..", "org.kie..")
        .check(CLASSES);
  }

  @Test
  void agentReachesPlatformsOnlyThroughThePort() {
    noClasses()
        .that()
        .resideInAPackage("io.sockwarden.agent..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.sockwarden.linux..", "io.sockwarden.windows..")
        .check(CLASSES);
  }

  @Test
  void modelDependsOnTheJdkOnly() {
    noClasses()
        .that()
        .resideInAPackage("io.sockwarden.model..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("io.sockwarden.model..", "java..")
        .check(CLASSES);
  }

  @Test
  void picocliStaysInTheCli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.sockwarden.agent.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .check(CLASSES);
  }

  /**
   * The core serves every front end: it neither knows the command line nor its exit codes. Only the
   * program's entry point starts the command line.
   */
  @Test
  void theCoreDoesNotKnowTheCommandLine() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.sockwarden.agent.cli..")
        .and()
        .doNotHaveFullyQualifiedName(Main.class.getName())
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.sockwarden.agent.cli..")
        .check(CLASSES);
  }

  @Test
  void jnaStaysInWindowsAdapters() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "io.sockwarden.windows..",
            "io.sockwarden.linux.sockets..",
            "io.sockwarden.linux.netns..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.sun.jna..")
        .check(CLASSES);
  }

  @Test
  void oshiStaysInTheWindowsPlatform() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.sockwarden.windows..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("oshi..")
        .check(CLASSES);
  }
}
