package dev.tickettriage.examples.quickstart;

import dev.tickettriage.openai.OpenAiClassifier;
import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Picks the classifier for {@code --provider}: none (the rule classifier) for {@code rules}; an
 * {@link OpenAiClassifier} for {@code openai} (OpenAI, or the OpenAI-compatible server at {@code --base-url}) and for
 * {@code huggingface} (the HuggingFace router's OpenAI-compatible endpoint, {@value #HUGGINGFACE_ROUTER}, with
 * {@code HF_TOKEN}; there is no separate HuggingFace module yet). A hosted provider without its key falls back to the
 * rule classifier with a message on stderr; a {@code --base-url} server needs no key (the key is sent when set).
 */
final class ProviderClassifiers {

    static final String OPENAI_KEY = "OPENAI_API_KEY";
    static final String HF_KEY = "HF_TOKEN";
    static final String HUGGINGFACE_ROUTER = "https://router.huggingface.co/v1";
    static final String HUGGINGFACE_DEFAULT_MODEL = "mistralai/Mistral-7B-Instruct-v0.2";

    private ProviderClassifiers() {
    }

    /** The LLM classifier the options ask for; empty for the rule classifier. The caller closes it. */
    static Optional<OpenAiClassifier> pick(Options options, Function<String, @Nullable String> env, PrintStream err) {
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
        OpenAiClassifier.Builder builder = OpenAiClassifier.builder()
                .limits(options.maxInFlight() > 0 ? options.maxInFlight() : OpenAiClassifier.DEFAULT_LIMITS.maxInFlight(), 1);
        if (key != null) builder.apiKey(key);
        if (openai) {
            options.baseUrl().ifPresent(builder::baseUrl);
            builder.model(options.model().orElse(OpenAiClassifier.DEFAULT_MODEL.id()));
        } else {
            builder.baseUrl(options.baseUrl().orElse(HUGGINGFACE_ROUTER)).name("huggingface", "HuggingFace")
                    .model(options.model().orElse(HUGGINGFACE_DEFAULT_MODEL));
        }
        return Optional.of(builder.build());
    }
}
