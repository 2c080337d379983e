package dev.tickettriage.openai;

import dev.tickettriage.llm.TokenPrice;
import java.util.Optional;

/**
 * Well-known OpenAI chat models with their list prices (US dollars per million input/output tokens, standard tier,
 * as published when this release was made; override with {@code OpenAiClassifier.Builder#price}). Use
 * {@code model(String)} for any other model or an OpenAI-compatible server's model name.
 */
public enum OpenAiModel {
    GPT_4O_MINI("gpt-4o-mini", "0.15", "0.60"),
    GPT_4O("gpt-4o", "2.50", "10.00"),
    GPT_4_1("gpt-4.1", "2.00", "8.00"),
    GPT_4_1_MINI("gpt-4.1-mini", "0.40", "1.60"),
    GPT_4_1_NANO("gpt-4.1-nano", "0.10", "0.40"),
    GPT_5("gpt-5", "1.25", "10.00"),
    GPT_5_MINI("gpt-5-mini", "0.25", "2.00"),
    GPT_5_NANO("gpt-5-nano", "0.05", "0.40");

    private final String id;
    private final TokenPrice price;

    OpenAiModel(String id, String inputPerMillion, String outputPerMillion) {
        this.id = id;
        this.price = TokenPrice.of(inputPerMillion, outputPerMillion);
    }

    /** The API model name, such as {@code gpt-4o-mini}. */
    public String id() {
        return id;
    }

    /** The list price. */
    public TokenPrice price() {
        return price;
    }

    /** The known model named {@code id} (exactly, or as a dated snapshot such as {@code gpt-4o-mini-2024-07-18}). */
    public static Optional<OpenAiModel> fromId(String id) {
        OpenAiModel best = null;
        for (OpenAiModel model : values()) {
            if (id.equals(model.id)) return Optional.of(model);
            if (id.startsWith(model.id + "-") && id.substring(model.id.length() + 1).matches("\\d{4}-\\d{2}-\\d{2}")
                    && (best == null || model.id.length() > best.id.length())) best = model;
        }
        return Optional.ofNullable(best);
    }
}
