package dev.tickettriage.classifier;

import dev.tickettriage.internal.Text;

/** Case and accent folding plus a light English/Spanish suffix stemmer, so "Reembolsos" matches "reembolso". */
final class Folding {

    private Folding() {
    }

    /** Lower-cases and strips accents; see {@link Text#fold(String)}. */
    static String fold(String text) {
        return Text.fold(text);
    }

    /**
     * Strips one common inflectional suffix from a folded word, keeping at least three letters:
     * -ies/-ied to -y, -ing, -ed, -es, -s, -al, then a final -e. Deliberately light: it only has to make
     * the two sides of a match agree, and it is applied to both.
     */
    static String stem(String word) {
        int n = word.length();
        if (n <= 3 || !Character.isLetter(word.charAt(n - 1))) return word;
        String stem = word;
        if ((stem.endsWith("ies") || stem.endsWith("ied")) && n > 4) {
            stem = stem.substring(0, n - 3) + "y";
        } else if (stem.endsWith("ing") && n - 3 >= 3) {
            stem = stem.substring(0, n - 3);
        } else if (stem.endsWith("ed") && n - 2 >= 3) {
            stem = stem.substring(0, n - 2);
        } else if (stem.endsWith("es") && n - 2 >= 3) {
            stem = stem.substring(0, n - 2);
        } else if (stem.endsWith("s") && !stem.endsWith("ss") && !stem.endsWith("us") && n - 1 >= 3) {
            stem = stem.substring(0, n - 1);
        } else if (stem.endsWith("al") && n - 2 >= 4) {
            stem = stem.substring(0, n - 2);
        }
        if (stem.length() > 3 && stem.endsWith("e")) stem = stem.substring(0, stem.length() - 1);
        return stem;
    }
}
