package dev.tickettriage.spring;

import dev.tickettriage.classifier.Classifiers;
import dev.tickettriage.classifier.RuleClassifier;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.spring.TicketTriageProperties.ClassifierSettings;
import dev.tickettriage.spring.TicketTriageProperties.HuggingFace;
import dev.tickettriage.spring.TicketTriageProperties.HuggingFaceApiMode;
import dev.tickettriage.spring.TicketTriageProperties.Llm;
import dev.tickettriage.spring.TicketTriageProperties.Provider;
import java.util.ArrayList;
import java.util.List;
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
 * {@code cascade.enabled} the local classifier answers first and the LLM only below the confidence threshold. openai is
 * ticket-llm-openai's {@code OpenAiClassifier}; huggingface is ticket-llm-huggingface's {@code HuggingFaceClassifier}
 * on the API {@code huggingface.api} names (router chat, hosted tasks, or a TGI server). Naming {@code openai} or
 * {@code huggingface} without a key/token or base URL ({@code api=tgi} without a base URL), or {@code embedded}
 * without a model file, fails the start-up naming the property.
 */
final class ClassifierChoice implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierChoice.class);
    static final String OPENAI_CLASS = "dev.tickettriage.openai.OpenAiClassifier";
    static final String HUGGINGFACE_CLASS = "dev.tickettriage.huggingface.HuggingFaceClassifier";
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
                    ? " (no ticket-triage.classifier.openai.api-key or huggingface.token set)" : "");
            return new ClassifierChoice(local, modelTaxonomy, owned);
        }
        Classifier remote = llm == Provider.OPENAI ? openai(settings.getOpenai(), classLoader) : huggingface(settings.getHuggingface(), classLoader);
        if (remote instanceof AutoCloseable closeable) owned.add(closeable);
        Classifier chosen = cascade ? Classifiers.firstConfident(local, settings.getCascade().getMinConfidence(), remote) : remote;
        LOG.info("Ticket classifier: {}", cascade ? remote.name() + " after " + local.name() + " (cascade below confidence "
                + settings.getCascade().getMinConfidence() + ")" : remote.name());
        return new ClassifierChoice(chosen, cascade ? modelTaxonomy : null, owned);
    }

    private static Classifier openai(Llm openai, ClassLoader classLoader) {
        if (!ClassUtils.isPresent(OPENAI_CLASS, classLoader)) {
            throw new IllegalStateException("ticket-triage.classifier.provider=openai needs dev.tickettriage:ticket-llm-openai on the classpath");
        }
        if (!openai.hasKey() && openai.getBaseUrl() == null) {
            throw new IllegalStateException("ticket-triage.classifier.provider=openai needs ticket-triage.classifier.openai.api-key "
                    + "(or ticket-triage.classifier.openai.base-url for a local OpenAI-compatible server without a key)");
        }
        return OpenAiClassifiers.create(openai);
    }

    private static Classifier huggingface(HuggingFace huggingface, ClassLoader classLoader) {
        if (!ClassUtils.isPresent(HUGGINGFACE_CLASS, classLoader)) {
            throw new IllegalStateException("ticket-triage.classifier.provider=huggingface needs dev.tickettriage:ticket-llm-huggingface on the classpath");
        }
        if (huggingface.getApi() == HuggingFaceApiMode.TGI) {
            if (huggingface.getBaseUrl() == null) {
                throw new IllegalStateException("ticket-triage.classifier.huggingface.api=tgi needs ticket-triage.classifier.huggingface.base-url "
                        + "(the TGI server, e.g. http://tgi:8080)");
            }
        } else if (!huggingface.hasKey() && huggingface.getBaseUrl() == null) {
            throw new IllegalStateException("ticket-triage.classifier.provider=huggingface needs ticket-triage.classifier.huggingface.token "
                    + "(or ticket-triage.classifier.huggingface.base-url for a server without a token)");
        }
        return HuggingFaceClassifiers.create(huggingface);
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

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : owned) closeable.close();
    }
}
