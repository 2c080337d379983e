package dev.tickettriage.classifier;

import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.FieldChoice;
import dev.tickettriage.domain.FieldDefinition;
import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.domain.FilledField;
import dev.tickettriage.domain.Taxonomy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The custom-field matchers compiled for one taxonomy: for closed-set fields the aliases and examples of each value
 * (whole phrases) and the examples' distinctive words; for boolean fields their true and false cues. One
 * {@link PhraseIndex} over all of them, so a ticket is scanned once. Numbers and free text are never filled: a rule
 * cannot read them reliably, and a made-up value is worse than none. Immutable; shared between threads.
 */
final class FieldMatchers {

    static final double PHRASE_WEIGHT = CategoryRules.ALIAS_WEIGHT;
    static final double EXAMPLE_WORD_WEIGHT = CategoryRules.EXAMPLE_WORD_WEIGHT;
    /** Longer examples are sentences, not phrases: only their distinctive words are used. */
    private static final int MAX_EXAMPLE_PHRASE_WORDS = 6;
    private static final int NEGATION_WINDOW = 3;

    /** A vote for value {@code value} (index into the field's values; for booleans 1 = true, 0 = false) of field {@code field}. */
    record Vote(int field, int value, double weight) {
    }

    /** What the matchers filled, and a rationale fragment naming the phrases that fired. */
    record Result(List<FilledField> filled, String rationale) {
    }

    static final FieldMatchers NONE = new FieldMatchers(List.of(), PhraseIndex.<Vote>builder().build());

    private final List<FieldDefinition> fields;
    private final PhraseIndex<Vote> index;

    private FieldMatchers(List<FieldDefinition> fields, PhraseIndex<Vote> index) {
        this.fields = fields;
        this.index = index;
    }

    static FieldMatchers compile(Taxonomy taxonomy) {
        List<FieldDefinition> fields = new ArrayList<>();
        Map<String, Vote> votes = new LinkedHashMap<>();
        Map<String, String> displays = new HashMap<>();
        for (FieldDefinition definition : taxonomy.fields()) {
            int f = fields.size();
            if (definition instanceof FieldDefinition.OneOfField oneOf) {
                fields.add(definition);
                addChoices(votes, displays, f, oneOf.values());
            } else if (definition instanceof FieldDefinition.ManyOfField manyOf) {
                fields.add(definition);
                addChoices(votes, displays, f, manyOf.values());
            } else if (definition instanceof FieldDefinition.BooleanField bool
                    && !(bool.trueCues().isEmpty() && bool.falseCues().isEmpty())) {
                fields.add(definition);
                for (String cue : bool.trueCues()) put(votes, displays, cue, new Vote(f, 1, PHRASE_WEIGHT));
                for (String cue : bool.falseCues()) put(votes, displays, cue, new Vote(f, 0, PHRASE_WEIGHT));
            }
        }
        if (fields.isEmpty()) return NONE;
        PhraseIndex.Builder<Vote> builder = PhraseIndex.builder();
        votes.forEach((key, vote) -> builder.add(displays.get(key), vote));
        return new FieldMatchers(List.copyOf(fields), builder.build());
    }

    private static void addChoices(Map<String, Vote> votes, Map<String, String> displays, int field, List<FieldChoice> choices) {
        Map<String, Integer> wordFrequency = new HashMap<>();
        List<Set<String>> exampleWords = new ArrayList<>();
        for (FieldChoice choice : choices) {
            Set<String> words = new LinkedHashSet<>();
            for (String example : choice.examples()) words.addAll(CategoryRules.contentWords(example, 4));
            exampleWords.add(words);
            Set<String> stems = new LinkedHashSet<>();
            for (String word : words) stems.add(Folding.stem(word));
            for (String stem : stems) wordFrequency.merge(stem, 1, Integer::sum);
        }
        for (int v = 0; v < choices.size(); v++) {
            FieldChoice choice = choices.get(v);
            for (String alias : choice.aliases()) put(votes, displays, CategoryRules.splitLabel(alias), new Vote(field, v, PHRASE_WEIGHT));
            for (String example : choice.examples()) {
                if (PhraseIndex.stemsOf(example).length <= MAX_EXAMPLE_PHRASE_WORDS) {
                    put(votes, displays, example, new Vote(field, v, PHRASE_WEIGHT));
                }
            }
            for (String word : exampleWords.get(v)) {
                if (wordFrequency.getOrDefault(Folding.stem(word), 1) == 1) put(votes, displays, word, new Vote(field, v, EXAMPLE_WORD_WEIGHT));
            }
        }
    }

    /** Keeps the strongest weight when one phrase votes twice for the same value; a phrase voting for two values keeps both. */
    private static void put(Map<String, Vote> votes, Map<String, String> displays, String phrase, Vote vote) {
        String[] stems = PhraseIndex.stemsOf(phrase);
        if (stems.length == 0) return;
        String key = vote.field() + "|" + vote.value() + "|" + String.join(" ", stems);
        Vote previous = votes.get(key);
        if (previous == null || previous.weight() < vote.weight()) {
            votes.put(key, vote);
            displays.put(key, phrase.strip());
        }
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    /** Fills the fields whose cues fired unambiguously; the rest stay not filled. */
    Result match(TokenizedText tokens) {
        if (fields.isEmpty()) return new Result(List.of(), "");
        Map<Integer, double[]> scores = new HashMap<>();
        Map<Integer, List<String>> matched = new HashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        index.forEachMatch(tokens, (entry, start) -> {
            if (negated(tokens, start)) return;
            Vote vote = entry.payload();
            if (!seen.add(vote.field() + "|" + vote.value() + "|" + entry.display())) return;
            scores.computeIfAbsent(vote.field(), f -> new double[valueCount(fields.get(f))])[vote.value()] += vote.weight();
            matched.computeIfAbsent(vote.field(), f -> new ArrayList<>()).add(entry.display());
        });
        List<FilledField> filled = new ArrayList<>();
        StringBuilder rationale = new StringBuilder();
        for (int f = 0; f < fields.size(); f++) {
            double[] values = scores.get(f);
            if (values == null) continue;
            FieldDefinition definition = fields.get(f);
            FilledField field = decide(definition, values);
            if (field == null) continue;
            filled.add(field);
            rationale.append(rationale.length() == 0 ? "; fields " : ", ").append(definition.name()).append('=')
                    .append(field.value().joined()).append(" (matched ");
            List<String> phrases = matched.get(f);
            for (int i = 0; i < phrases.size() && i < 3; i++) rationale.append(i == 0 ? "" : ",").append('\'').append(phrases.get(i)).append('\'');
            rationale.append(')');
        }
        return new Result(List.copyOf(filled), rationale.toString());
    }

    private static @org.jspecify.annotations.Nullable FilledField decide(FieldDefinition definition, double[] scores) {
        if (definition instanceof FieldDefinition.OneOfField oneOf) {
            int best = best(scores, -1);
            if (best < 0) return null;
            double runnerUp = second(scores, best);
            if (runnerUp == scores[best]) return null;   // a tie: no basis to pick one
            return filled(definition, new FieldValue.ChoiceValue(oneOf.values().get(best).value()),
                    RuleClassifier.categoryConfidence(scores[best], runnerUp));
        }
        if (definition instanceof FieldDefinition.ManyOfField manyOf) {
            List<Integer> ranked = new ArrayList<>();
            for (int v = 0; v < scores.length; v++) if (scores[v] > 0) ranked.add(v);
            ranked.sort((a, b) -> Double.compare(scores[b], scores[a]));
            if (ranked.size() < manyOf.minCount()) return null;
            List<Integer> chosen = ranked.subList(0, Math.min(ranked.size(), manyOf.maxCount()));
            double weakest = scores[chosen.get(chosen.size() - 1)];
            double firstLeftOut = chosen.size() < ranked.size() ? scores[ranked.get(chosen.size())] : 0;
            if (firstLeftOut == weakest) return null;   // the cut falls inside a tie
            List<String> values = new ArrayList<>();
            for (int v = 0; v < scores.length; v++) if (chosen.contains(v)) values.add(manyOf.values().get(v).value());
            return filled(definition, new FieldValue.ChoicesValue(values), RuleClassifier.categoryConfidence(weakest, firstLeftOut));
        }
        // boolean: one side only
        boolean yes = scores[1] > 0;
        boolean no = scores[0] > 0;
        if (yes == no) return null;
        return filled(definition, new FieldValue.BooleanValue(yes), RuleClassifier.categoryConfidence(Math.max(scores[0], scores[1]), 0));
    }

    private static FilledField filled(FieldDefinition definition, FieldValue value, double confidence) {
        return new FilledField(definition.name(), definition.validate(value),
                Confidence.of(Math.round(confidence * 1000.0) / 1000.0, ConfidenceSource.RULE));
    }

    private static int valueCount(FieldDefinition definition) {
        if (definition instanceof FieldDefinition.OneOfField oneOf) return oneOf.values().size();
        if (definition instanceof FieldDefinition.ManyOfField manyOf) return manyOf.values().size();
        return 2;
    }

    private static int best(double[] scores, int skip) {
        int best = -1;
        for (int i = 0; i < scores.length; i++) {
            if (i != skip && scores[i] > 0 && (best < 0 || scores[i] > scores[best])) best = i;
        }
        return best;
    }

    private static double second(double[] scores, int best) {
        double second = 0;
        for (int i = 0; i < scores.length; i++) if (i != best) second = Math.max(second, scores[i]);
        return second;
    }

    /** A negator shortly before the phrase, in the same clause: "I don't want a refund", "no quiero reembolso". */
    private static boolean negated(TokenizedText tokens, int start) {
        for (int k = start - 1; k >= 0 && k >= start - NEGATION_WINDOW; k--) {
            if (tokens.clauseEnd[k]) return false;
            // "si no" is "otherwise" in Spanish ("quiero un reembolso, si no me doy de baja"), not a negation
            boolean otherwise = tokens.words[k].equals("no") && k > 0 && tokens.words[k - 1].equals("si");
            if (SentimentLexicon.NEGATORS.contains(tokens.words[k]) && !otherwise) return true;
        }
        return false;
    }
}
