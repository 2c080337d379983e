package dev.tickettriage.examples.quickstart;

import dev.tickettriage.huggingface.HuggingFaceApi;
import dev.tickettriage.huggingface.HuggingFaceClassifier;
import dev.tickettriage.openai.OpenAiClassifier;
import dev.tickettriage.port.Classifier;
import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Picks the classifier for {@code --provider}: none (the rule classifier) for {@code rules}; an
 * {@link OpenAiClassifier} for {@code openai} (OpenAI, or the OpenAI-compatible server at {@code --base-url}); a
 * {@link HuggingFaceClassifier} for {@code huggingface} with {@code HF_TOKEN}, calling the API {@code --hf-api} names
 * (router chat by default, the hosted task APIs, or a TGI server at {@code --base-url}). A hosted provider without its
 * key falls back to the rule classifier with a message on stderr; a {@code --base-url} server needs no key (the key is
 * sent when set).
 */
final class ProviderClassifiers {

    static final String OPENAI_KEY = "OPENAI_API_KEY";
    static final String HF_KEY = "HF_TOKEN";
    static final String HUGGINGFACE_DEFAULT_MODEL = HuggingFaceClassifier.DEFAULT_CHAT_MODEL;

    private ProviderClassifiers() {
    }

    /** The LLM classifier the options ask for; empty for the rule classifier. The caller closes it. */
    static Optional<Classifier> pick(Options options, Function<String, @Nullable String> env, PrintStream err) {
        if (options.provider() == Options.Provider.RULES) return Optional.empty();
        boolean openai = options.provider() == Options.Provider.OPENAI;
        String keyName = openai ? OPENAI_KEY : HF_KEY;
        @Nullable String key = env.apply(keyName);
        if (key != null && key.isBlank()) key = null;
        if (key == null && options.baseUrl().isEmpty()) {
            err.println("triage: --provider " + (openai ? "openai" : "huggingface") + " needs " + keyName
                    + " in the environment (or --base-url for a local OpenAI-compatible server); "
                    + "falling back to the rule classifier");
            return Optional.empty();
        }
        int maxInFlight = options.maxInFlight() > 0 ? options.maxInFlight() : OpenAiClassifier.DEFAULT_LIMITS.maxInFlight();
        if (openai) {
            OpenAiClassifier.Builder builder = OpenAiClassifier.builder().limits(maxInFlight, 1);
            if (key != null) builder.apiKey(key);
            options.baseUrl().ifPresent(builder::baseUrl);
            builder.model(options.model().orElse(OpenAiClassifier.DEFAULT_MODEL.id()));
            return Optional.of(builder.build());
        }
        HuggingFaceClassifier.Builder builder = HuggingFaceClassifier.builder().limits(maxInFlight, 1).api(switch (options.hfApi()) {
            case CHAT -> HuggingFaceApi.ROUTER_CHAT;
            case TASKS -> HuggingFaceApi.TASKS;
            case TGI -> HuggingFaceApi.TGI_CHAT;
        });
        if (key != null) builder.token(key);
        options.baseUrl().ifPresent(builder::baseUrl);
        options.model().ifPresent(builder::model);
        try {
            return Optional.of(builder.build());
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Closes {@code classifier} when it holds resources (HTTP dispatcher threads). */
    static void close(Classifier classifier) throws Exception {
        if (classifier instanceof AutoCloseable) ((AutoCloseable) classifier).close();
    }
}
