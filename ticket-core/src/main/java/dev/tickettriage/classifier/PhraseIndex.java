package dev.tickettriage.classifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds whole-word phrases in a {@link TokenizedText}. Phrases are stored as stem sequences indexed by their
 * first stem, so a lookup costs one hash probe per token. Immutable once built; safe to share between threads.
 *
 * @param <T> what a phrase stands for (a category rule, a priority cue, ...)
 */
final class PhraseIndex<T> {

    /** One phrase: its stems, the text shown in rationales, and its payload. */
    record Entry<T>(String[] stems, String display, T payload) {
    }

    private final Map<String, List<Entry<T>>> byFirstStem;

    private PhraseIndex(Map<String, List<Entry<T>>> byFirstStem) {
        this.byFirstStem = byFirstStem;
    }

    static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** Receives one match: the phrase and the index of its first token. */
    interface MatchSink<T> {
        void accept(Entry<T> entry, int start);
    }

    /** Calls {@code sink} for every occurrence, left to right. */
    void forEachMatch(TokenizedText text, MatchSink<T> sink) {
        for (int i = 0; i < text.size; i++) {
            List<Entry<T>> candidates = byFirstStem.get(text.stems[i]);
            if (candidates == null) continue;
            for (Entry<T> entry : candidates) {
                if (matchesAt(text, i, entry.stems())) sink.accept(entry, i);
            }
        }
    }

    private static boolean matchesAt(TokenizedText text, int start, String[] stems) {
        if (start + stems.length > text.size) return false;
        for (int k = 1; k < stems.length; k++) {
            if (!stems[k].equals(text.stems[start + k])) return false;
        }
        return true;
    }

    boolean isEmpty() {
        return byFirstStem.isEmpty();
    }

    /** Splits a phrase the same way texts are split, and stems each word. */
    static String[] stemsOf(String phrase) {
        TokenizedText tokens = TokenizedText.of(phrase);
        return tokens.stems.clone();
    }

    static final class Builder<T> {
        private final Map<String, List<Entry<T>>> byFirstStem = new HashMap<>();

        /** Adds a phrase; blank phrases (no word characters) are ignored. */
        Builder<T> add(String phrase, T payload) {
            String[] stems = stemsOf(phrase);
            if (stems.length == 0) return this;
            byFirstStem.computeIfAbsent(stems[0], key -> new ArrayList<>()).add(new Entry<>(stems, phrase, payload));
            return this;
        }

        PhraseIndex<T> build() {
            Map<String, List<Entry<T>>> copy = new HashMap<>();
            // longest phrase first, so "thank you so much" is seen before "thank you"
            byFirstStem.forEach((key, value) -> {
                List<Entry<T>> sorted = new ArrayList<>(value);
                sorted.sort((a, b) -> Integer.compare(b.stems().length, a.stems().length));
                copy.put(key, List.copyOf(sorted));
            });
            return new PhraseIndex<>(copy);
        }
    }
}
