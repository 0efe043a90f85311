package dev.kizuna.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each boundary rule fails on the classes in the {@code archfixture} packages of this module's test sources, which
 * break every rule on purpose: a rule that could never fail would prove nothing in {@link ArchitectureTest}.
 */
class ArchitectureRulesCanFailTest {
    static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages("dev.kizuna.loyalty.archfixture", "dev.kizuna.admin.archfixture",
                "dev.kizuna.core.archfixture", "dev.kizuna.survey.archfixture", "dev.kizuna.segment.archfixture",
                "dev.kizuna.loyalty.points", "dev.kizuna.loyalty.rank");
    }

    @TestFactory
    Stream<DynamicTest> every_rule_reports_the_class_that_breaks_it() {
        return KizunaArchitecture.ALL.stream().map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> {
            assertThat(rule.evaluate(fixtures).hasViolation()).as(rule.getDescription()).isTrue();
        }));
    }

    @Test
    void the_fixtures_are_not_part_of_the_checked_code() {
        assertThat(ArchitectureTest.productionClasses().contain("dev.kizuna.loyalty.archfixture.QuartzJob")).isFalse();
    }
}
