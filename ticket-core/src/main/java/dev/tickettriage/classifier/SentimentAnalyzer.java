package dev.tickettriage.classifier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lexicon sentiment with negation scope (three words back, within the clause), intensifiers, diminishers,
 * contrast words ("but" weighs the second half more), capitals and exclamation marks. Stateless.
 */
final class SentimentAnalyzer {

    /** Squashing constant: a raw sum of {@code s} becomes {@code s / sqrt(s^2 + ALPHA)}. */
    static final double ALPHA = 0.6;
    private static final int NEGATION_WINDOW = 3;
    private static final double NEGATED_POSITIVE = -0.75;
    private static final double NEGATED_NEGATIVE = -0.3;
    private static final double NEGATED_NEUTRAL_VERB = -0.5;
    private static final double CAPITALS_BOOST = 1.3;
    private static final double EXCLAMATION_BOOST = 0.08;

    /** One word or phrase that moved the score, for the rationale. */
    record Contribution(String text, double value, boolean negated) {
        String describe() {
            return (negated ? "negated '" : "'") + text + "'(" + String.format(Locale.ROOT, "%+.2f", value) + ")";
        }
    }

    /** The score in [-1, 1] and what produced it, strongest first. */
    record Result(double score, List<Contribution> contributions) {
    }

    private static final Map<String, Double> STEM_VALENCE = stemIndex();

    private SentimentAnalyzer() {
    }

    static Result analyse(TokenizedText text) {
        boolean[] covered = new boolean[text.size];
        List<Contribution> contributions = new ArrayList<>();
        double[] values = new double[text.size];
        PHRASES.forEachMatch(text, (entry, start) -> {
            int end = start + entry.stems().length;
            for (int k = start; k < end; k++) if (covered[k]) return;
            for (int k = start; k < end; k++) covered[k] = true;
            values[start] = entry.payload();
            contributions.add(new Contribution(entry.display(), entry.payload(), false));
        });
        boolean emphasisByCaps = !text.mostlyCapitals();
        int contrastAt = -1;
        for (int i = 0; i < text.size; i++) {
            String word = text.words[i];
            if (SentimentLexicon.CONTRASTS.contains(word)) contrastAt = i;
            if (covered[i]) continue;
            Double valence = SentimentLexicon.WORD_VALENCE.get(word);
            if (valence == null) valence = STEM_VALENCE.get(text.stems[i]);
            boolean neutralVerb = valence == null && SentimentLexicon.NEGATABLE.contains(word);
            if (valence == null && !neutralVerb) continue;
            boolean negated = isNegated(text, i);
            double value;
            if (neutralVerb) {
                if (!negated) continue;
                value = NEGATED_NEUTRAL_VERB;
            } else {
                value = valence;
                if (negated) value = value > 0 ? value * NEGATED_POSITIVE : value * NEGATED_NEGATIVE;
            }
            value *= modifier(text, i);
            if (emphasisByCaps && text.capitals[i]) value *= CAPITALS_BOOST;
            values[i] = value;
            contributions.add(new Contribution(word, value, negated));
        }
        double sum = 0;
        for (int i = 0; i < text.size; i++) {
            double weight = contrastAt < 0 ? 1.0 : (i < contrastAt ? 0.5 : 1.5);
            sum += values[i] * weight;
        }
        if (sum != 0) sum *= 1.0 + EXCLAMATION_BOOST * Math.min(text.exclamations, 4);
        double score = sum / Math.sqrt(sum * sum + ALPHA);
        contributions.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.value())));
        return new Result(Math.max(-1.0, Math.min(1.0, score)), List.copyOf(contributions));
    }

    private static boolean isNegated(TokenizedText text, int index) {
        for (int k = index - 1; k >= 0 && k >= index - NEGATION_WINDOW; k--) {
            if (text.clauseEnd[k]) return false;
            if (SentimentLexicon.NEGATORS.contains(text.words[k])) return true;
        }
        return false;
    }

    /** Product of the intensifiers/diminishers in the two words before {@code index} (same clause). */
    private static double modifier(TokenizedText text, int index) {
        double factor = 1.0;
        for (int k = index - 1; k >= 0 && k >= index - 2; k--) {
            if (text.clauseEnd[k]) break;
            Double up = SentimentLexicon.INTENSIFIERS.get(text.words[k]);
            if (up != null) factor *= up;
            Double down = SentimentLexicon.DIMINISHERS.get(text.words[k]);
            if (down != null) factor *= down;
        }
        return factor;
    }

    private static final PhraseIndex<Double> PHRASES = phraseIndex();

    private static PhraseIndex<Double> phraseIndex() {
        PhraseIndex.Builder<Double> builder = PhraseIndex.builder();
        SentimentLexicon.PHRASE_VALENCE.forEach(builder::add);
        return builder.build();
    }

    private static Map<String, Double> stemIndex() {
        Map<String, Double> byStem = new HashMap<>();
        SentimentLexicon.WORD_VALENCE.forEach((word, value) -> byStem.putIfAbsent(Folding.stem(word), value));
        return Map.copyOf(byStem);
    }
}
