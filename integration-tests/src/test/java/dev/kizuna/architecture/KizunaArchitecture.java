package dev.kizuna.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries docs/ARCHITECTURE.md promises, as rules over the compiled classes. {@link ArchitectureTest} checks
 * them on the real code; {@link ArchitectureRulesCanFailTest} shows each one failing on a class that breaks it.
 */
final class KizunaArchitecture {
    static final String CORE = "dev.kizuna.core..";
    static final String SHELL = "dev.kizuna.admin..";
    static final String[] FEATURES = {"dev.kizuna.loyalty..", "dev.kizuna.survey..", "dev.kizuna.segment..",
            "dev.kizuna.webhooks..", "dev.kizuna.messaging.."};
    static final String[] PERSISTENCE = {"java.sql..", "javax.sql..", "org.hibernate..", "jakarta.persistence.."};

    private KizunaArchitecture() {
    }

    /**
     * A feature's domain types: its records, enums and interfaces, and the classes that work without the database
     * (no use of crm-core's persistence); stores and their entities are the persistence edge, not domain types. They see no JDBC, Hibernate, JPA, servlet or Quartz type, so they are
     * tested as plain Java.
     */
    static final DescribedPredicate<JavaClass> DOMAIN_TYPES = DescribedPredicate.describe("are domain types",
            c -> !isStore(c) && !c.getPackageName().contains(".console") && !c.getPackageName().contains(".web")
                    && (c.isRecord() || c.isEnum() || c.isInterface() || c.getDirectDependenciesFromSelf().stream()
                    .noneMatch(d -> d.getTargetClass().getPackageName().startsWith("dev.kizuna.core.persistence"))));

    static final ArchRule DOMAIN_TYPES_ARE_PLAIN_JAVA = noClasses()
            .that().resideInAnyPackage(FEATURES).and(DOMAIN_TYPES)
            .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE)
            .orShould().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "org.quartz..")
            .because("domain types are tested without a database, a servlet container or a scheduler");

    /** Hibernate and JPA only in stores and their entities: services call stores. */
    static final ArchRule ONLY_STORES_USE_HIBERNATE = noClasses()
            .that().resideInAnyPackage(FEATURES)
            .and(DescribedPredicate.describe("are not stores or entities", c -> !isStore(c)))
            .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", "jakarta.persistence..")
            .because("Hibernate maps a feature's configured aggregates inside its store");

    /** The edge of a feature where SQL mapping and Hibernate live: a store or an entity (nested classes included). */
    static boolean isStore(JavaClass c) {
        String name = outermost(c).getSimpleName();
        return name.endsWith("Store") || name.endsWith("Entity");
    }

    private static JavaClass outermost(JavaClass c) {
        JavaClass out = c;
        while (out.getEnclosingClass().isPresent()) {
            out = out.getEnclosingClass().get();
        }
        return out;
    }

    /** Servlet types only in a feature's console pages and public web pages. */
    static final ArchRule SERVLETS_ONLY_AT_THE_WEB_EDGE = noClasses()
            .that().resideInAnyPackage(FEATURES).and().resideOutsideOfPackages("..web..", "..console..")
            .should().dependOnClassesThat().resideInAPackage("jakarta.servlet..")
            .because("domain and services are tested without a servlet container");

    /** Quartz only behind the core scheduler: features write KizunaJobs. */
    static final ArchRule QUARTZ_ONLY_IN_THE_SCHEDULER = noClasses()
            .that().resideOutsideOfPackage("dev.kizuna.core.scheduling..")
            .should().dependOnClassesThat().resideInAPackage("org.quartz..")
            .because("jobs are KizunaJobs; the clustered Quartz store is the scheduler's business");

    /** The console shell knows no feature: features contribute their pages through ctx.console(). */
    static final ArchRule SHELL_KNOWS_NO_FEATURE = noClasses()
            .that().resideInAPackage(SHELL)
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
            .because("a shop drops in only the feature modules it wants");

    static final ArchRule CORE_KNOWS_NO_MODULE = noClasses()
            .that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(List.of(SHELL, FEATURES[0], FEATURES[1], FEATURES[2])
                    .toArray(String[]::new));

    /**
     * The features, as a shop installs them (one KizunaModule each): they meet only through crm-core's ports.
     * Birthday coupons are coupon campaigns, installed by the coupons module, so they belong to it.
     */
    static final SliceAssignment FEATURE_SLICES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            for (String[] f : new String[][]{{"dev.kizuna.loyalty.points", "points"}, {"dev.kizuna.loyalty.rank", "ranks"},
                    {"dev.kizuna.loyalty.coupon", "coupons"}, {"dev.kizuna.loyalty.birthday", "coupons"},
                    {"dev.kizuna.survey", "surveys"}, {"dev.kizuna.segment", "segments"}, {"dev.kizuna.webhooks", "webhooks"},
                    {"dev.kizuna.messaging", "messaging"}}) {
                if (p.equals(f[0]) || p.startsWith(f[0] + ".")) {
                    return SliceIdentifier.of(f[1]);
                }
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "features (points, ranks, coupons, surveys, segments, webhooks, messaging)";
        }
    };

    static final ArchRule FEATURES_MEET_ONLY_THROUGH_PORTS = slices().assignedFrom(FEATURE_SLICES)
            .should().notDependOnEachOther()
            .because("features meet only through dev.kizuna.core.ports, so each can be left out");

    /**
     * No cycles between a feature module's or the shell's packages (a package and its sub-packages count as one).
     * crm-core is left out: its KizunaContext is the kernel every part of it registers with and is handed.
     */
    static final ArchRule NO_PACKAGE_CYCLES = slices().assignedFrom(new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String[] p = c.getPackageName().split("\\.");
            if (p.length < 4 || !p[0].equals("dev") || !p[1].equals("kizuna") || p[2].equals("core")) {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(p[2] + "." + p[3]);
        }

        @Override
        public String getDescription() {
            return "packages of the feature modules and the shell";
        }
    }).should().beFreeOfCycles();

    static final ArchRule NO_MODULE_CYCLES = slices().matching("dev.kizuna.(*)..").should().beFreeOfCycles();

    /** The feature (as {@link #FEATURE_SLICES} names it) a class belongs to, or null outside the features. */
    static String featureOf(JavaClass c) {
        SliceIdentifier id = FEATURE_SLICES.getIdentifierOf(c);
        return id.equals(SliceIdentifier.ignore()) ? null : id.toString();
    }

    private static boolean isStoreClass(JavaClass c) {
        return c.getSimpleName().endsWith("Store") && featureOf(c) != null;
    }

    /** A store is its feature's business: no other feature and no console page reaches it. */
    static final ArchRule STORES_STAY_IN_THEIR_FEATURE = classes()
            .that(DescribedPredicate.describe("are feature stores", KizunaArchitecture::isStoreClass))
            .should(new ArchCondition<JavaClass>("be used only by their own feature's services, jobs and API") {
                @Override
                public void check(JavaClass store, ConditionEvents events) {
                    for (JavaAccess<?> access : store.getAccessesToSelf()) {
                        JavaClass from = access.getOriginOwner();
                        boolean sameFeature = featureOf(store).equals(featureOf(from));
                        if (!sameFeature || from.getPackageName().contains(".console")) {
                            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                        }
                    }
                }
            })
            .because("SQL and Hibernate live in stores, which only their feature's services call");

    /** A store that only its own package uses is package-private. */
    static final ArchRule STORES_ARE_PACKAGE_PRIVATE_WHERE_THEY_CAN_BE = classes()
            .that(DescribedPredicate.describe("are feature stores", KizunaArchitecture::isStoreClass))
            .and().arePublic()
            .should(new ArchCondition<JavaClass>("be used from another package of their feature (else package-private)") {
                @Override
                public void check(JavaClass store, ConditionEvents events) {
                    boolean usedElsewhere = store.getAccessesToSelf().stream()
                            .anyMatch(a -> !a.getOriginOwner().getPackageName().equals(store.getPackageName()))
                            || store.getDirectDependenciesToSelf().stream()
                            .anyMatch(d -> !d.getOriginClass().getPackageName().equals(store.getPackageName()));
                    if (!usedElsewhere) {
                        events.add(SimpleConditionEvent.violated(store, store.getName() + " is public but used only in its package"));
                    }
                }
            });

    static final List<ArchRule> ALL = List.of(DOMAIN_TYPES_ARE_PLAIN_JAVA, ONLY_STORES_USE_HIBERNATE, SERVLETS_ONLY_AT_THE_WEB_EDGE,
            QUARTZ_ONLY_IN_THE_SCHEDULER, SHELL_KNOWS_NO_FEATURE, CORE_KNOWS_NO_MODULE, FEATURES_MEET_ONLY_THROUGH_PORTS,
            NO_PACKAGE_CYCLES, NO_MODULE_CYCLES, STORES_STAY_IN_THEIR_FEATURE,
            STORES_ARE_PACKAGE_PRIVATE_WHERE_THEY_CAN_BE);
}
