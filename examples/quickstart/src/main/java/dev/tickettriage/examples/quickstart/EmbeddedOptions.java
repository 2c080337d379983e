package dev.tickettriage.examples.quickstart;

import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded-classifier flags: {@code --classifier}, {@code --train}, the label columns, {@code --save-model},
 * {@code --model} (a model file when {@code --classifier embedded}, else the LLM model name), {@code --llm-model},
 * {@code --encoder} and {@code --cascade-threshold}.
 */
record EmbeddedOptions(boolean enabled, Optional<String> trainFile, Optional<String> categoryColumn, Optional<String> sentimentColumn,
                       Optional<String> priorityColumn, Optional<String> saveModel, Optional<String> modelFile, String encoder,
                       double cascadeThreshold, Optional<String> llmModel) {

    static final String DEFAULT_CATEGORY_COLUMN = "category";
    static final String DEFAULT_ENCODER = "bge-small";
    static final double DEFAULT_CASCADE_THRESHOLD = 0.6;
    private static final Set<String> EMBEDDED_ONLY = Set.of("--train", "--category-column", "--sentiment-column", "--priority-column",
            "--save-model", "--encoder", "--cascade-threshold");

    static EmbeddedOptions of(Map<String, String> flags, @Nullable String model) {
        String kind = flags.getOrDefault("--classifier", "rules").toLowerCase(Locale.ROOT);
        if (!kind.equals("rules") && !kind.equals("embedded")) {
            throw new UsageException("option --classifier must be rules|embedded, was '" + flags.get("--classifier") + "'");
        }
        boolean enabled = kind.equals("embedded");
        Optional<String> llmModel = Optional.ofNullable(flags.get("--llm-model"));
        if (!enabled) {
            for (String flag : EMBEDDED_ONLY) {
                if (flags.containsKey(flag)) throw new UsageException("option " + flag + " needs --classifier embedded");
            }
            if (model != null && llmModel.isPresent()) throw new UsageException("give the LLM model once: --model or --llm-model");
            return new EmbeddedOptions(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), DEFAULT_ENCODER, DEFAULT_CASCADE_THRESHOLD, llmModel.or(() -> Optional.ofNullable(model)));
        }
        Optional<String> train = Optional.ofNullable(flags.get("--train"));
        Optional<String> modelFile = Optional.ofNullable(model);
        Optional<String> save = Optional.ofNullable(flags.get("--save-model"));
        if (train.isPresent() && modelFile.isPresent()) {
            throw new UsageException("give either --train FILE (train a model) or --model FILE (load a saved one), not both");
        }
        if (modelFile.isPresent() && save.isPresent()) throw new UsageException("--save-model saves a newly trained model; it cannot be used with --model");
        Optional<String> category = Optional.ofNullable(flags.get("--category-column"));
        Optional<String> sentiment = Optional.ofNullable(flags.get("--sentiment-column"));
        Optional<String> priority = Optional.ofNullable(flags.get("--priority-column"));
        boolean anyColumn = category.isPresent() || sentiment.isPresent() || priority.isPresent();
        if (anyColumn && train.isEmpty()) throw new UsageException("the label column options need --train FILE");
        if (train.isPresent() && !anyColumn) category = Optional.of(DEFAULT_CATEGORY_COLUMN);
        String encoder = flags.getOrDefault("--encoder", DEFAULT_ENCODER);
        if (!Set.of("bge-small", "minilm", "bge-small-en-v1.5-q", "all-minilm-l6-v2-q").contains(encoder)) {
            throw new UsageException("option --encoder must be bge-small|minilm, was '" + encoder + "'");
        }
        return new EmbeddedOptions(true, train, category, sentiment, priority, save, modelFile, encoder,
                threshold(flags.get("--cascade-threshold")), llmModel);
    }

    private static double threshold(@Nullable String value) {
        if (value == null) return DEFAULT_CASCADE_THRESHOLD;
        try {
            double threshold = Double.parseDouble(value);
            if (threshold >= 0 && threshold <= 1) return threshold;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("option --cascade-threshold must be a number from 0 to 1, was '" + value + "'");
    }
}
