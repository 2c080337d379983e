package dev.tickettriage.rules;

import dev.tickettriage.internal.Text;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** Whole-word, case- and accent-insensitive keyword search; phrases match across any run of whitespace. */
final class KeywordMatcher {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Pattern pattern;

    KeywordMatcher(String... keywords) {
        if (keywords.length == 0) throw new IllegalArgumentException("keywords must not be empty");
        StringJoiner alternatives = new StringJoiner("|", "(?<![\\p{L}\\p{N}])(?:", ")(?![\\p{L}\\p{N}])");
        for (String keyword : keywords) {
            if (keyword == null || keyword.isBlank()) {
                throw new IllegalArgumentException("keywords must not contain null or blank entries");
            }
            StringJoiner words = new StringJoiner("\\s+");
            for (String word : WHITESPACE.split(fold(keyword).strip())) {
                words.add(Pattern.quote(word));
            }
            alternatives.add(words.toString());
        }
        this.pattern = Pattern.compile(alternatives.toString());
    }

    boolean matches(String text) {
        return pattern.matcher(fold(text)).find();
    }

    /** Lower case without accents: "Caída" and "CAIDA" both become "caida". */
    static String fold(String text) {
        return Text.fold(text);
    }
}
