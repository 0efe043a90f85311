package dev.kizuna.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every boundary rule holds on the production classes of every Kizuna module. */
class ArchitectureTest {
    static JavaClasses kizuna;

    @BeforeAll
    static void importClasses() {
        kizuna = productionClasses();
    }

    /** The modules are on the test classpath as the reactor's jars; test jars and test classes are left out. */
    static JavaClasses productionClasses() {
        return new ClassFileImporter()
                .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
                .importPackages("dev.kizuna");
    }

    @TestFactory
    Stream<DynamicTest> every_rule_holds() {
        assertThat(kizuna.stream().map(c -> c.getPackageName()))
                .as("classes of crm-core, crm-admin-ui and every feature module are imported")
                .anyMatch(p -> p.startsWith("dev.kizuna.core")).anyMatch(p -> p.startsWith("dev.kizuna.admin"))
                .anyMatch(p -> p.startsWith("dev.kizuna.loyalty")).anyMatch(p -> p.startsWith("dev.kizuna.survey"))
                .anyMatch(p -> p.startsWith("dev.kizuna.segment"));
        return KizunaArchitecture.ALL.stream().map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> check(rule)));
    }

    private static void check(ArchRule rule) {
        rule.check(kizuna);
    }
}
