package dev.tickettriage.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * ArchUnit rules every adapter module checks against its own classes (STYLE.md sections 1 and 10).
 *
 * <pre>{@code
 * JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
 *         .importPackages("dev.tickettriage.ntfy");
 * ArchitectureRules.adapterRules("dev.tickettriage.ntfy", "okhttp3..", "kotlin..").check(classes);
 * }</pre>
 *
 * <p>Stateless and thread-safe. Package patterns use ArchUnit's syntax ({@code "okhttp3.."}).
 */
public final class ArchitectureRules {

    /**
     * Packages of ticket-core an adapter may use: its API and the shared LLM logic. {@code dev.tickettriage.internal}
     * is not among them: it may change in any release.
     */
    public static final List<String> CORE_API_PACKAGES = List.of("dev.tickettriage.domain..", "dev.tickettriage.port..",
            "dev.tickettriage.error..", "dev.tickettriage.llm..");

    /** Libraries every adapter may use: the JDK, SLF4J, Jackson and JSpecify. */
    public static final List<String> COMMON_LIBRARY_PACKAGES = List.of("java..", "javax..", "org.slf4j..",
            "com.fasterxml.jackson..", "org.jspecify..");

    private ArchitectureRules() {
    }

    /**
     * All adapter rules at once: {@link #dependsOnlyOnAllowedPackages}, {@link #publicClassesAreFinal},
     * {@link #noStandardStreams} and {@link #noJavaUtilLogging}.
     *
     * @param adapterPackage the adapter's base package, for example {@code dev.tickettriage.ntfy}
     * @param extraAllowedPackages the adapter's own libraries, for example {@code okhttp3..}
     */
    public static ArchRule adapterRules(String adapterPackage, String... extraAllowedPackages) {
        return CompositeArchRule.of(dependsOnlyOnAllowedPackages(adapterPackage, extraAllowedPackages))
                .and(publicClassesAreFinal(adapterPackage))
                .and(noStandardStreams(adapterPackage))
                .and(noJavaUtilLogging(adapterPackage));
    }

    /** Classes of the adapter depend only on their own package, ticket-core's API, the common libraries and the extras. */
    public static ArchRule dependsOnlyOnAllowedPackages(String adapterPackage, String... extraAllowedPackages) {
        String own = packagePattern(adapterPackage);
        List<String> allowed = new ArrayList<>();
        allowed.add(own);
        allowed.addAll(CORE_API_PACKAGES);
        allowed.addAll(COMMON_LIBRARY_PACKAGES);
        for (String extra : extraAllowedPackages) allowed.add(Objects.requireNonNull(extra, "extraAllowedPackages"));
        return classes().that().resideInAPackage(own)
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed.toArray(new String[0]))
                .because("adapters use only ticket-core's API and their own libraries (STYLE.md 1)");
    }

    /** Public top-level classes of the adapter outside {@code .internal} are final (interfaces, enums and annotations excepted). */
    public static ArchRule publicClassesAreFinal(String adapterPackage) {
        return classes().that().resideInAPackage(packagePattern(adapterPackage))
                .and().resideOutsideOfPackage("..internal..")
                .and().arePublic().and().areTopLevelClasses()
                .and().areNotInterfaces().and().areNotEnums().and().areNotAnnotations()
                .should().haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
                .because("public is forever: the adapter surface is final classes with builders (STYLE.md 1)");
    }

    /** No class of the adapter uses System.out, System.err or printStackTrace. */
    public static ArchRule noStandardStreams(String adapterPackage) {
        return noClasses().that().resideInAPackage(packagePattern(adapterPackage)).should(ACCESS_STANDARD_STREAMS)
                .because("libraries log through SLF4J (STYLE.md 7)");
    }

    /** No class of the adapter uses java.util.logging. */
    public static ArchRule noJavaUtilLogging(String adapterPackage) {
        return noClasses().that().resideInAPackage(packagePattern(adapterPackage)).should(USE_JAVA_UTIL_LOGGING)
                .because("libraries log through SLF4J (STYLE.md 7)");
    }

    private static String packagePattern(String adapterPackage) {
        Objects.requireNonNull(adapterPackage, "adapterPackage");
        if (adapterPackage.isBlank() || adapterPackage.endsWith(".")) {
            throw new IllegalArgumentException("adapterPackage must be a package name like dev.tickettriage.ntfy, was '"
                    + adapterPackage + "'");
        }
        return adapterPackage + "..";
    }
}
