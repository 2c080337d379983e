package dev.tickettriage.spring;

import dev.langchain4j.model.chat.ChatModel;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.spring.TicketTriageProperties.Assistant;
import dev.tickettriage.spring.TicketTriageProperties.AssistantMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The support agents' {@link TicketAssistant}, when ticket-agent-tools and LangChain4j are on the classpath and a model
 * is there: {@code ticket-triage.assistant.api-key} or {@code base-url} builds a LangChain4j OpenAI chat model
 * (langchain4j-open-ai), or the host's single {@link ChatModel} bean is used. Without either, no assistant bean
 * exists (an app answers "not configured"), and apps without LangChain4j never load any of this.
 */
@AutoConfiguration(after = TicketTriageAutoConfiguration.class)
@ConditionalOnClass(name = {"dev.langchain4j.service.AiServices", "dev.tickettriage.agent.TicketTools"})
@ConditionalOnProperty(prefix = "ticket-triage.assistant", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(TicketTriage.class)
public class TicketAssistantAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TicketAssistantAutoConfiguration.class);

    /** The OpenAI-compatible model, when a key or base URL is set and the host has no ChatModel of its own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "dev.langchain4j.model.openai.OpenAiChatModel")
    @Conditional(KeyOrBaseUrlSet.class)
    static class OpenAiModel {

        @Bean
        @ConditionalOnMissingBean(ChatModel.class)
        ChatModel ticketAssistantChatModel(TicketTriageProperties properties) {
            return OpenAiChatModels.create(properties.getAssistant());
        }
    }

    /** A key or base URL without langchain4j-open-ai: a failure naming the module, not a silently missing assistant. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("dev.langchain4j.model.openai.OpenAiChatModel")
    @Conditional(KeyOrBaseUrlSet.class)
    static class OpenAiModelMissing {

        @Bean
        @ConditionalOnMissingBean(ChatModel.class)
        ChatModel ticketAssistantChatModel() {
            throw new IllegalStateException("ticket-triage.assistant.api-key (or base-url) needs dev.langchain4j:langchain4j-open-ai "
                    + "on the classpath, or a LangChain4j ChatModel bean of the application's");
        }
    }

    @Bean
    @ConditionalOnSingleCandidate(ChatModel.class)
    @ConditionalOnMissingBean
    TicketAssistant ticketAssistant(TicketTriage triage, ChatModel model, TicketTriageProperties properties) {
        Assistant settings = properties.getAssistant();
        boolean ours = settings.hasModelSettings();
        TicketAssistant.Builder builder = TicketAssistant.builder(triage, model).maxToolCalls(settings.getMaxToolCalls())
                .modelDescription(ours ? settings.getModel() + " at " + OpenAiChatModels.baseUrl(settings) : model.getClass().getSimpleName());
        if (settings.getMemory() == AssistantMemory.CONVERSATION) {
            builder.conversationMemory(settings.getMemoryMessages(), settings.getMaxConversations());
        }
        TicketAssistant assistant = builder.build();
        LOG.info("Ticket assistant: {}", assistant);
        return assistant;
    }

    /** {@code ticket-triage.assistant.api-key} or {@code base-url} is set to something other than blank. */
    static final class KeyOrBaseUrlSet extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            for (String property : new String[] {"ticket-triage.assistant.api-key", "ticket-triage.assistant.base-url"}) {
                String value = context.getEnvironment().getProperty(property);
                if (value != null && !value.isBlank()) return ConditionOutcome.match(property + " is set");
            }
            return ConditionOutcome.noMatch("neither ticket-triage.assistant.api-key nor base-url is set");
        }
    }
}
