package dev.tickettriage.spring;

import dev.tickettriage.classifier.Classifiers;
import dev.tickettriage.classifier.RuleClassifier;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.spring.TicketTriageProperties.ClassifierSettings;
import dev.tickettriage.spring.TicketTriageProperties.Llm;
import dev.tickettriage.spring.TicketTriageProperties.Provider;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

/**
 * The classifier the properties ask for, and the clients it owns (closed with it). Provider {@code auto} picks openai
 * when its key is set, else huggingface when its token is set, else the rule classifier (logged at INFO, the
 * documented fallback); naming {@code openai} or {@code huggingface} without a key or base URL fails the start-up.
 */
final class ClassifierChoice implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierChoice.class);
    static final String OPENAI_CLASS = "dev.tickettriage.openai.OpenAiClassifier";

    private final Classifier classifier;
    private final List<AutoCloseable> owned;

    private ClassifierChoice(Classifier classifier, List<AutoCloseable> owned) {
        this.classifier = classifier;
        this.owned = List.copyOf(owned);
    }

    Classifier classifier() {
        return classifier;
    }

    static ClassifierChoice from(ClassifierSettings settings, ClassLoader classLoader) {
        Provider provider = resolve(settings);
        if (provider == Provider.RULES) return new ClassifierChoice(RuleClassifier.ofDefaults(), List.of());
        if (!ClassUtils.isPresent(OPENAI_CLASS, classLoader)) {
            throw new IllegalStateException("ticket-triage.classifier.provider=" + name(provider)
                    + " needs dev.tickettriage:ticket-llm-openai on the classpath");
        }
        Llm llm = provider == Provider.OPENAI ? settings.getOpenai() : settings.getHuggingface();
        if (!llm.hasKey() && llm.getBaseUrl() == null) {
            String prefix = "ticket-triage.classifier." + name(provider);
            throw new IllegalStateException("ticket-triage.classifier.provider=" + name(provider) + " needs " + prefix
                    + ".api-key (or " + prefix + ".base-url for a local OpenAI-compatible server without a key)");
        }
        Classifier remote = OpenAiClassifiers.create(provider == Provider.OPENAI, llm);
        List<AutoCloseable> owned = new ArrayList<>();
        if (remote instanceof AutoCloseable closeable) owned.add(closeable);
        Classifier chosen = settings.getCascade().isEnabled()
                ? Classifiers.firstConfident(RuleClassifier.ofDefaults(), settings.getCascade().getMinConfidence(), remote)
                : remote;
        LOG.info("Ticket classifier: {}{}", remote.name(), settings.getCascade().isEnabled()
                ? " after the rule classifier (cascade below confidence " + settings.getCascade().getMinConfidence() + ")" : "");
        return new ClassifierChoice(chosen, owned);
    }

    private static Provider resolve(ClassifierSettings settings) {
        if (settings.getProvider() != Provider.AUTO) return settings.getProvider();
        if (settings.getOpenai().hasKey()) return Provider.OPENAI;
        if (settings.getHuggingface().hasKey()) return Provider.HUGGINGFACE;
        LOG.info("Ticket classifier: rules (no ticket-triage.classifier.openai.api-key or huggingface.api-key set)");
        return Provider.RULES;
    }

    private static String name(Provider provider) {
        return provider.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : owned) closeable.close();
    }
}
