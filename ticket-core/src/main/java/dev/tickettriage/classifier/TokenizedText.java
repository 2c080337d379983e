package dev.tickettriage.classifier;

import java.util.ArrayList;
import java.util.List;

/**
 * A text split into word tokens (letters, digits and inner apostrophes) and single emoji/symbol tokens,
 * each with its folded form, stem, whether it was written in capitals, and whether a clause ends after it.
 */
final class TokenizedText {

    /** Above this many characters only the head of the text is analysed, which keeps the cost bounded. */
    static final int MAX_ANALYSED_CHARS = 8_000;

    final String[] words;
    final String[] stems;
    final boolean[] capitals;
    final boolean[] clauseEnd;
    final int size;
    final int exclamations;
    final int accentedLetters;
    final int spanishPunctuation;

    private TokenizedText(List<String> words, List<Boolean> capitals, List<Boolean> clauseEnd, int exclamations,
                          int accentedLetters, int spanishPunctuation) {
        this.size = words.size();
        this.words = words.toArray(new String[0]);
        this.stems = new String[size];
        this.capitals = new boolean[size];
        this.clauseEnd = new boolean[size];
        for (int i = 0; i < size; i++) {
            stems[i] = Folding.stem(this.words[i]);
            this.capitals[i] = capitals.get(i);
            this.clauseEnd[i] = clauseEnd.get(i);
        }
        this.exclamations = exclamations;
        this.accentedLetters = accentedLetters;
        this.spanishPunctuation = spanishPunctuation;
    }

    static TokenizedText of(String raw) {
        String text = raw.length() > MAX_ANALYSED_CHARS ? raw.substring(0, MAX_ANALYSED_CHARS) : raw;
        List<String> words = new ArrayList<>();
        List<Boolean> capitals = new ArrayList<>();
        List<Boolean> clauseEnd = new ArrayList<>();
        int exclamations = 0;
        int accented = 0;
        int spanish = 0;
        int i = 0;
        int length = text.length();
        while (i < length) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                int start = i;
                int upper = 0;
                int letters = 0;
                while (i < length) {
                    int c = text.codePointAt(i);
                    boolean inner = (c == '\'' || c == '’') && i + 1 < length && Character.isLetter(text.codePointAt(i + 1))
                            && i > start;
                    if (!Character.isLetterOrDigit(c) && !inner && Character.getType(c) != Character.NON_SPACING_MARK) break;
                    if (Character.isLetter(c)) {
                        letters++;
                        if (Character.isUpperCase(c)) upper++;
                        if (c > 0x7F && c < 0x250) accented++;
                    }
                    i += Character.charCount(c);
                }
                String word = Folding.fold(text.substring(start, i)).replace('’', '\'');
                words.add(word);
                capitals.add(letters >= 3 && upper == letters);
                clauseEnd.add(false);
            } else if ((cp == ':' || cp == ';' || cp == '=') && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))
                    && emoticonAt(text, i + 1) != 0) {
                int end = i + 1;
                if (text.charAt(end) == '-') end++;
                words.add(emoticonAt(text, i + 1) > 0 ? ":)" : ":(");
                capitals.add(false);
                clauseEnd.add(false);
                i = end + 1;
            } else {
                if (cp == '!') exclamations++;
                if (cp == '¿' || cp == '¡') spanish++;
                if (isClauseBreak(cp) && !clauseEnd.isEmpty()) clauseEnd.set(clauseEnd.size() - 1, true);
                int type = Character.getType(cp);
                if (type == Character.OTHER_SYMBOL || type == Character.SURROGATE) {
                    words.add(text.substring(i, i + width));
                    capitals.add(false);
                    clauseEnd.add(false);
                }
                i += width;
            }
        }
        return new TokenizedText(words, capitals, clauseEnd, exclamations, accented, spanish);
    }

    /** +1 for a smiling emoticon after the eyes at {@code at} (":)", ":-D"), -1 for a sad one, 0 for none. */
    private static int emoticonAt(String text, int at) {
        int i = at < text.length() && text.charAt(at) == '-' ? at + 1 : at;
        if (i >= text.length()) return 0;
        boolean standsAlone = i + 1 >= text.length() || !Character.isLetterOrDigit(text.charAt(i + 1)) && text.charAt(i + 1) != '/';
        if (!standsAlone) return 0;
        char mouth = text.charAt(i);
        if (mouth == ')' || mouth == 'D' || mouth == ']' || mouth == 'P') return 1;
        if (mouth == '(' || mouth == '/' || mouth == '[') return -1;
        return 0;
    }

    private static boolean isClauseBreak(int cp) {
        return cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == ',' || cp == ':' || cp == '\n' || cp == '¿' || cp == '¡';
    }

    /** Whether most letters-bearing words are in capitals (then capitals carry no emphasis). */
    boolean mostlyCapitals() {
        int caps = 0;
        for (boolean capital : capitals) if (capital) caps++;
        return size > 0 && caps * 2 > size;
    }
}
