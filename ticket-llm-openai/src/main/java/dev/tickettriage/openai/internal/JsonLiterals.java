package dev.tickettriage.openai.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Caches the JSON form of the long texts every request repeats (a taxonomy's system prompt and output schema), so a
 * request body copies them instead of escaping or re-serialising several kilobytes each time. Bounded: cleared when
 * it holds {@value #MAX_ENTRIES} texts (taxonomies change rarely). Thread-safe.
 */
final class JsonLiterals {

    static final int MAX_ENTRIES = 64;
    /** Texts shorter than this are escaped each time (ticket data, short instructions). */
    static final int MIN_CACHED_LENGTH = 1_024;

    private final ObjectMapper json;
    private final ConcurrentMap<String, String> strings = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Boolean> checkedJson = new ConcurrentHashMap<>();

    JsonLiterals(ObjectMapper json) {
        this.json = json;
    }

    void write(JsonGenerator generator, String text) throws IOException {
        if (text.length() < MIN_CACHED_LENGTH) {
            generator.writeString(text);
            return;
        }
        if (strings.size() >= MAX_ENTRIES) strings.clear();
        generator.writeRawValue(strings.computeIfAbsent(text, this::quote));
    }

    void writeRawJson(JsonGenerator generator, String jsonText) throws IOException {
        if (checkedJson.size() >= MAX_ENTRIES) checkedJson.clear();
        checkedJson.computeIfAbsent(jsonText, this::check);
        generator.writeRawValue(jsonText);
    }

    private String quote(String text) {
        try {
            return json.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string could not be written as JSON", e);
        }
    }

    private Boolean check(String jsonText) {
        try {
            if (!json.readTree(jsonText).isObject()) throw new IllegalStateException("the output schema is not a JSON object");
            return Boolean.TRUE;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the output schema is not JSON", e);
        }
    }
}
