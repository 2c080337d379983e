package dev.tickettriage.spring;

import dev.tickettriage.classifier.Classifiers;
import dev.tickettriage.classifier.RuleClassifier;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.spring.TicketTriageProperties.ClassifierSettings;
import dev.tickettriage.spring.TicketTriageProperties.Llm;
import dev.tickettriage.spring.TicketTriageProperties.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

/**
 * The classifier the properties ask for, and the clients and models it owns (closed with it).
 *
 * <p>The local classifier is the embedded one when {@code ticket-triage.classifier.embedded.model-file} is set (or
 * provider {@code embedded}), else the rule classifier. Provider {@code auto} picks openai when its key is set, else
 * huggingface when its token is set, else the local classifier (logged at INFO, the documented fallback); with
 * {@code cascade.enabled} the local classifier answers first and the LLM only below the confidence threshold. Naming
 * {@code openai} or {@code huggingface} without a key or base URL, or {@code embedded} without a model file, fails the
 * start-up naming the property.
 */
final class ClassifierChoice implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierChoice.class);
    static final String OPENAI_CLASS = "dev.tickettriage.openai.OpenAiClassifier";
    static final String EMBEDDED_CLASS = "dev.tickettriage.classifier.embedded.EmbeddedClassifier";

    private final Classifier classifier;
    private final @Nullable Taxonomy modelTaxonomy;
    private final List<AutoCloseable> owned;

    private ClassifierChoice(Classifier classifier, @Nullable Taxonomy modelTaxonomy, List<AutoCloseable> owned) {
        this.classifier = classifier;
        this.modelTaxonomy = modelTaxonomy;
        this.owned = List.copyOf(owned);
    }

    Classifier classifier() {
        return classifier;
    }

    /** The taxonomy an embedded model was trained on, which the pipeline must then use. */
    Optional<Taxonomy> modelTaxonomy() {
        return Optional.ofNullable(modelTaxonomy);
    }

    static ClassifierChoice from(ClassifierSettings settings, ClassLoader classLoader) {
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            return choose(settings, classLoader, owned);
        } catch (RuntimeException e) {
            for (AutoCloseable closeable : owned) {
                try {
                    closeable.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static ClassifierChoice choose(ClassifierSettings settings, ClassLoader classLoader, List<AutoCloseable> owned) {
        Provider provider = settings.getProvider();
        String modelFile = settings.getEmbedded().getModelFile();
        boolean embedded = provider == Provider.EMBEDDED || (modelFile != null && !modelFile.isBlank());
        if (provider == Provider.EMBEDDED && (modelFile == null || modelFile.isBlank())) {
            throw new IllegalStateException("ticket-triage.classifier.provider=embedded needs ticket-triage.classifier.embedded.model-file");
        }
        Provider llm = llm(settings);
        boolean cascade = llm != null && (settings.getCascade().isEnabled() || provider == Provider.EMBEDDED);
        Classifier local = RuleClassifier.ofDefaults();
        Taxonomy modelTaxonomy = null;
        if (embedded && provider != Provider.RULES && (llm == null || cascade)) {
            if (!ClassUtils.isPresent(EMBEDDED_CLASS, classLoader)) {
                throw new IllegalStateException("ticket-triage.classifier.embedded.model-file needs "
                        + "dev.tickettriage:ticket-classifier-embedded on the classpath");
            }
            local = EmbeddedClassifiers.load(modelFile, settings.getEmbedded().getIntraOpThreads());
            if (local instanceof AutoCloseable closeable) owned.add(closeable);
            modelTaxonomy = EmbeddedClassifiers.taxonomy(local);
        }
        if (llm == null) {
            LOG.info("Ticket classifier: {}{}", local.name(), provider == Provider.AUTO
                    ? " (no ticket-triage.classifier.openai.api-key or huggingface.api-key set)" : "");
            return new ClassifierChoice(local, modelTaxonomy, owned);
        }
        if (!ClassUtils.isPresent(OPENAI_CLASS, classLoader)) {
            throw new IllegalStateException("ticket-triage.classifier.provider=" + name(llm)
                    + " needs dev.tickettriage:ticket-llm-openai on the classpath");
        }
        Llm settingsOfLlm = llm == Provider.OPENAI ? settings.getOpenai() : settings.getHuggingface();
        if (!settingsOfLlm.hasKey() && settingsOfLlm.getBaseUrl() == null) {
            String prefix = "ticket-triage.classifier." + name(llm);
            throw new IllegalStateException("ticket-triage.classifier.provider=" + name(llm) + " needs " + prefix
                    + ".api-key (or " + prefix + ".base-url for a local OpenAI-compatible server without a key)");
        }
        Classifier remote = OpenAiClassifiers.create(llm == Provider.OPENAI, settingsOfLlm);
        if (remote instanceof AutoCloseable closeable) owned.add(closeable);
        Classifier chosen = cascade ? Classifiers.firstConfident(local, settings.getCascade().getMinConfidence(), remote) : remote;
        LOG.info("Ticket classifier: {}", cascade ? remote.name() + " after " + local.name() + " (cascade below confidence "
                + settings.getCascade().getMinConfidence() + ")" : remote.name());
        return new ClassifierChoice(chosen, cascade ? modelTaxonomy : null, owned);
    }

    /** The LLM the settings ask for: named by the provider, or (auto, embedded) the one whose key is set; else null. */
    private static @Nullable Provider llm(ClassifierSettings settings) {
        switch (settings.getProvider()) {
            case OPENAI:
            case HUGGINGFACE:
                return settings.getProvider();
            case RULES:
                return null;
            case EMBEDDED:
                if (!settings.getCascade().isEnabled()) return null;
                break;
            default:
                break;
        }
        if (settings.getOpenai().hasKey()) return Provider.OPENAI;
        if (settings.getHuggingface().hasKey()) return Provider.HUGGINGFACE;
        return null;
    }

    private static String name(Provider provider) {
        return provider.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : owned) closeable.close();
    }
}
