package dev.tickettriage.llm;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Language;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Sentiment;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One validated answer; confidences are null when the model gave none. Package-private. */
record ParsedAnswer(
        @Nullable String ticketRef,
        Category category,
        @Nullable Double categoryConfidence,
        Sentiment sentiment,
        @Nullable Double sentimentConfidence,
        Priority priority,
        @Nullable Double priorityConfidence,
        Language language,
        @Nullable String summary,
        @Nullable String suggestedReply,
        List<String> keyTopics,
        List<String> actionItems,
        @Nullable String rationale,
        List<CustomValue> fields) {

    /** A custom field's parsed value. */
    record CustomValue(String name, dev.tickettriage.domain.FieldValue value) {
    }
}
