package io.sockwarden.windows;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * JNA and OSHI stay in the thin adapters (classes named {@code Jna*} or {@code Oshi*}, and {@code
 * Elevation}, with their nested classes), so that everything else runs and is tested on any OS.
 */
class AdapterBoundaryTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.sockwarden.windows");

  private static final DescribedPredicate<JavaClass> ADAPTER =
      DescribedPredicate.describe(
          "an adapter (Jna*, Oshi*, Elevation)",
          c -> {
            String name = c.getName().substring(c.getPackageName().length() + 1);
            String outer = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
            return outer.startsWith("Jna") || outer.startsWith("Oshi") || outer.equals("Elevation");
          });

  @Test
  void nativeLibrariesOnlyInAdapters() {
    noClasses()
        .that(DescribedPredicate.not(ADAPTER))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.sun.jna..", "oshi..")
        .check(CLASSES);
  }
}
