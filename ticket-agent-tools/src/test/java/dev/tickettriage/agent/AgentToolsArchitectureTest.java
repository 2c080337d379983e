package dev.tickettriage.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tickettriage.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

class AgentToolsArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.tickettriage.agent");

    @Test
    void should_follow_the_adapter_rules() {
        // the tools sit on the facade (root package) and use LangChain4j's annotations only
        ArchitectureRules.adapterRules("dev.tickettriage.agent", "dev.tickettriage", "dev.langchain4j.agent.tool..").check(CLASSES);
    }

    @Test
    void should_never_reach_a_store_or_the_engine_directly() {
        noClasses().should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.tickettriage.memory..", "dev.tickettriage.pipeline..")
                .because("every tool call goes through TicketTriage: validation, audit and events")
                .check(CLASSES);
    }
}
