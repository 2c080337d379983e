package dev.tickettriage;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependency and coding rules of ticket-core (STYLE.md section 10). Layers that do not exist yet are
 * optional, so packages written in parallel do not break the build before they land.
 */
class ArchitectureTest {

    /** Helper packages every layer may use; they sit below the onion and depend only on domain values and errors. */
    private static final String[] HELPERS = {"dev.tickettriage.internal..", "dev.tickettriage.io.."};

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tickettriage");
    }

    @Test
    void should_point_dependencies_inwards() {
        onionArchitecture()
                .domainModels("dev.tickettriage.domain..", "dev.tickettriage.error..")
                .domainServices("dev.tickettriage.port..", "dev.tickettriage.rules..")
                .applicationServices("dev.tickettriage.pipeline..")
                .adapter("memory", "dev.tickettriage.memory..")
                .adapter("notify", "dev.tickettriage.notify..")
                .adapter("classifier", "dev.tickettriage.classifier..")
                .adapter("eval", "dev.tickettriage.eval..")
                .adapter("llm", "dev.tickettriage.llm..")
                .adapter("replay", "dev.tickettriage.replay..")
                .withOptionalLayers(true)
                // the root-package facade (TicketTriage) wires the embedded defaults and may use everything
                .ignoreDependency(resideInAPackage("dev.tickettriage"), alwaysTrue())
                // helper packages outside the rings (internal, io) may use the domain's values and errors;
                // should_keep_helpers_at_the_bottom checks they use nothing else of ours
                .ignoreDependency(resideInAnyPackage(HELPERS), resideInAnyPackage("dev.tickettriage.domain..", "dev.tickettriage.error.."))
                .check(core);
    }

    @Test
    void should_keep_helpers_at_the_bottom() {
        noClasses().that().resideInAnyPackage(HELPERS)
                .should().dependOnClassesThat().resideInAnyPackage("dev.tickettriage.port..", "dev.tickettriage.rules..",
                        "dev.tickettriage.pipeline..", "dev.tickettriage.memory..", "dev.tickettriage.notify..", "dev.tickettriage.classifier..",
                        "dev.tickettriage.eval..", "dev.tickettriage.llm..", "dev.tickettriage.replay..", "dev.tickettriage")
                .check(core);
    }

    @Test
    void should_keep_domain_free_of_pipeline_and_adapters() {
        noClasses().that().resideInAnyPackage("dev.tickettriage.domain..", "dev.tickettriage.error..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tickettriage.pipeline..", "dev.tickettriage.memory..",
                        "dev.tickettriage.classifier..", "dev.tickettriage.eval..", "dev.tickettriage.llm..",
                        "dev.tickettriage.replay..", "dev.tickettriage.rules..", "dev.tickettriage.port..")
                .check(core);
    }

    @Test
    void should_not_depend_on_io_frameworks() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "okio..", "kotlin..", "java.sql..",
                        "javax.sql..", "jakarta.mail..", "org.springframework..", "io.micronaut..", "java.net.http..")
                .because("ticket-core stays small; I/O libraries belong in adapter modules")
                .check(core);
    }

    @Test
    void should_use_langchain4j_only_in_llm_package() {
        noClasses().that().resideOutsideOfPackage("dev.tickettriage.llm..")
                .should().dependOnClassesThat().resideInAPackage("dev.langchain4j..")
                .check(core);
    }

    @Test
    void should_not_read_environment_or_system_properties() {
        noClasses().should().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getProperty", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class, String.class)
                .orShould().callMethod(System.class, "getProperties")
                .because("configuration is data passed in code (STYLE.md 4)")
                .check(core);
    }

    @Test
    void should_make_static_fields_final() {
        fields().that().areStatic().should().beFinal().check(core);
    }

    @Test
    void should_not_use_standard_streams_or_java_util_logging() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(core);
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(core);
    }

    @Test
    void should_declare_ports_as_interfaces_in_port_package() {
        classes().that().resideInAPackage("dev.tickettriage.port")
                .and().haveSimpleNameEndingWith("Repository")
                .or().haveSimpleName("Classifier").or().haveSimpleName("Notifier")
                .or().haveSimpleName("NotificationOutbox").or().haveSimpleName("TriageListener")
                .should().beInterfaces()
                .andShould().resideInAPackage("dev.tickettriage.port")
                .check(core);
    }
}
