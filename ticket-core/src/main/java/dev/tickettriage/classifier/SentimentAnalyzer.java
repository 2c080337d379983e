package dev.tickettriage.classifier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lexicon sentiment with negation scope (three words back, within the clause), intensifiers, diminishers,
 * contrast words ("but" weighs the second half more), capitals and exclamation marks. Stateless.
 */
final class SentimentAnalyzer {

    /** Squashing constant: a raw sum of {@code s} becomes {@code s / sqrt(s^2 + ALPHA)}. */
    static final double ALPHA = 0.3;
    private static final int NEGATION_WINDOW = 3;
    private static final double NEGATED_POSITIVE = -0.75;
    private static final double NEGATED_NEGATIVE = -0.3;
    private static final double NEGATED_NEUTRAL_VERB = -0.5;
    private static final double CAPITALS_BOOST = 1.3;
    private static final double EXCLAMATION_BOOST = 0.08;
    private static final double UNUSED_NEGATOR = -0.15;
    private static final double COMPLAINT_TAG = -0.6;

    /** One word or phrase that moved the score, for the rationale. */
    record Contribution(String text, double value, boolean negated) {
        String describe() {
            return (negated ? "negated '" : "'") + text + "'(" + signed(value) + ")";
        }
    }

    /** The score in [-1, 1] and what produced it, strongest first. */
    record Result(double score, List<Contribution> contributions) {
    }

    private SentimentAnalyzer() {
    }

    /** {@code value} with a sign and two decimals, e.g. "+0.50" or "-0.72"; cheaper than String.format. */
    static String signed(double value) {
        long hundredths = Math.round(Math.abs(value) * 100);
        String digits = (hundredths / 100) + "." + (hundredths % 100 < 10 ? "0" : "") + (hundredths % 100);
        return (value < 0 && hundredths > 0 ? "-" : "+") + digits;
    }

    static Result analyse(TokenizedText text) {
        boolean[] covered = new boolean[text.size];
        boolean[] negatorUsed = new boolean[text.size];
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
            if (valence == null && word.length() > 4 && word.endsWith("s")) {
                valence = SentimentLexicon.WORD_VALENCE.get(word.substring(0, word.length() - 1));
            }
            if (valence == null && isComplaintTag(word)) valence = COMPLAINT_TAG;
            boolean neutralVerb = valence == null && SentimentLexicon.NEGATABLE.contains(word);
            if (valence == null && !neutralVerb) continue;
            int negator = Character.isLetter(word.codePointAt(0)) ? negatorBefore(text, i) : -1;
            boolean negated = negator >= 0;
            if (negated) negatorUsed[negator] = true;
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
        // In support requests a negation that flips nothing still signals a problem: "can't", "didn't", "no".
        for (int i = 0; i < text.size; i++) {
            if (!negatorUsed[i] && !covered[i] && values[i] == 0 && SentimentLexicon.NEGATORS.contains(text.words[i])) {
                values[i] = UNUSED_NEGATOR;
                contributions.add(new Contribution(text.words[i], UNUSED_NEGATOR, false));
            }
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

    /** The index of a negator up to three words back in the same clause, or -1. */
    private static int negatorBefore(TokenizedText text, int index) {
        for (int k = index - 1; k >= 0 && k >= index - NEGATION_WINDOW; k--) {
            if (text.clauseEnd[k]) return -1;
            if (SentimentLexicon.NEGATORS.contains(text.words[k])) return k;
        }
        return -1;
    }

    /** Social-media complaint tags such as "#airlinefail" or "#servicesucks" (the '#' is not kept). */
    private static boolean isComplaintTag(String word) {
        return word.length() > 7 && (word.endsWith("fail") || word.endsWith("sucks"));
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

}
