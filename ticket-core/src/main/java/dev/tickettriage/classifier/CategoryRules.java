package dev.tickettriage.classifier;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.CategoryDefinition;
import dev.tickettriage.domain.Taxonomy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The category matchers compiled for one taxonomy: words of each label (weighted by how rare they are across
 * labels), aliases, distinctive words of the examples, the built-in keywords for default labels, and the
 * user's phrase and regex rules. Immutable; shared between threads.
 */
final class CategoryRules {

    static final double USER_RULE_WEIGHT = 2.0;
    static final double ALIAS_WEIGHT = 1.5;
    static final double LABEL_WEIGHT = 2.0;
    static final double EXAMPLE_WORD_WEIGHT = 0.4;
    static final double BUILT_IN_WEIGHT = 1.0;
    static final double EXTRA_WORD_BONUS = 0.25;

    private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "of", "or", "and", "to", "for", "in", "on",
            "my", "your", "is", "are", "by", "with", "why", "how", "what", "it", "i", "me", "do", "does", "would", "could", "should", "when", "there", "will", "just", "about", "after", "where",
            "which", "some", "more", "been", "them", "they", "their", "then", "than", "into", "also", "very", "can", "not",
            "have", "has", "this", "that", "was", "be", "get", "want", "need", "please", "from", "at", "you", "de",
            "la", "el", "los", "las", "del", "y", "o", "en", "por", "para", "mi", "su", "un", "una", "que", "es", "no",
            "lo", "se", "con", "quiero", "necesito", "puedo", "al", "le");

    /** A rule's category (index into {@link #categories}) and weight. */
    record Rule(int category, double weight) {
    }

    /** A user regex rule. */
    record RegexRule(int category, Pattern pattern) {
    }

    final List<Category> categories;
    final int fallback;
    final PhraseIndex<Rule> phrases;
    final List<RegexRule> regexes;
    /** Per category, the default-taxonomy label whose built-in keywords and reply it uses, or "" for none. */
    final List<String> builtInLabels;
    /** The taxonomy's custom-field matchers. */
    final FieldMatchers fields;

    private CategoryRules(List<Category> categories, int fallback, PhraseIndex<Rule> phrases, List<RegexRule> regexes,
                          List<String> builtInLabels, FieldMatchers fields) {
        this.categories = categories;
        this.fields = fields;
        this.builtInLabels = builtInLabels;
        this.fallback = fallback;
        this.phrases = phrases;
        this.regexes = regexes;
    }

    static CategoryRules compile(Taxonomy taxonomy, Map<String, List<String>> userPhrases, Map<String, List<Pattern>> userRegexes) {
        List<Category> categories = taxonomy.categories();
        Map<Category, Integer> index = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) index.put(categories.get(i), i);
        int fallback = taxonomy.fallback().map(index::get).orElse(0);
        Map<String, Entry> entries = new LinkedHashMap<>();

        List<List<String>> labelWords = new ArrayList<>();
        Map<String, Integer> labelDocFrequency = new HashMap<>();
        for (Category category : categories) {
            List<String> words = contentWords(splitLabel(category.id()), 1);
            labelWords.add(words);
            for (String stem : new LinkedHashSet<>(stems(words))) labelDocFrequency.merge(stem, 1, Integer::sum);
        }
        Map<String, Integer> exampleDocFrequency = new HashMap<>();
        List<Set<String>> exampleWords = new ArrayList<>();
        for (CategoryDefinition definition : taxonomy.definitions()) {
            Set<String> words = new LinkedHashSet<>();
            for (String example : definition.examples()) words.addAll(contentWords(example, 4));
            exampleWords.add(words);
            for (String stem : new LinkedHashSet<>(stems(new ArrayList<>(words)))) exampleDocFrequency.merge(stem, 1, Integer::sum);
        }

        int n = categories.size();
        for (int c = 0; c < n; c++) {
            CategoryDefinition definition = taxonomy.definitions().get(c);
            List<String> words = labelWords.get(c);
            double totalIdf = 0;
            for (String word : words) totalIdf += idf(n, labelDocFrequency.getOrDefault(Folding.stem(word), 1));
            for (String word : words) {
                double share = idf(n, labelDocFrequency.getOrDefault(Folding.stem(word), 1)) / totalIdf;
                put(entries, word, c, LABEL_WEIGHT * share);
            }
            if (words.size() > 1) put(entries, String.join(" ", words), c, 1.0);
            for (String alias : definition.aliases()) put(entries, splitLabel(alias), c, ALIAS_WEIGHT);
            for (String word : exampleWords.get(c)) {
                if (exampleDocFrequency.getOrDefault(Folding.stem(word), 1) == 1) put(entries, word, c, EXAMPLE_WORD_WEIGHT);
            }
        }
        String[] builtIn = new String[n];
        Arrays.fill(builtIn, "");
        BuiltInKeywords.BY_LABEL.forEach((label, keywords) -> taxonomy.resolve(label).map(index::get).ifPresent(c -> {
            builtIn[c] = label;
            double base = label.equals("other") ? BuiltInKeywords.OTHER_WEIGHT : BUILT_IN_WEIGHT;
            for (String keyword : keywords) put(entries, keyword, c, base + EXTRA_WORD_BONUS * (wordCount(keyword) - 1));
        }));
        List<RegexRule> regexes = new ArrayList<>();
        userPhrases.forEach((label, phrases) -> resolve(taxonomy, index, label).ifPresent(c -> {
            for (String phrase : phrases) put(entries, phrase, c, USER_RULE_WEIGHT);
        }));
        userRegexes.forEach((label, patterns) -> resolve(taxonomy, index, label).ifPresent(c -> {
            for (Pattern pattern : patterns) regexes.add(new RegexRule(c, pattern));
        }));

        PhraseIndex.Builder<Rule> builder = PhraseIndex.builder();
        entries.values().forEach(entry -> builder.add(entry.phrase, new Rule(entry.category, entry.weight)));
        return new CategoryRules(categories, fallback, builder.build(), List.copyOf(regexes), List.of(builtIn),
                FieldMatchers.compile(taxonomy));
    }

    /** Scores every category: the sum of the weights of the distinct rules that fired, with their texts. */
    Scores score(TokenizedText tokens, String text) {
        double[] scores = new double[categories.size()];
        List<List<String>> matches = new ArrayList<>(categories.size());
        for (int i = 0; i < categories.size(); i++) matches.add(new ArrayList<>(2));
        phrases.forEachMatch(tokens, (entry, start) -> {
            List<String> matched = matches.get(entry.payload().category());
            if (!matched.contains(entry.display())) {
                matched.add(entry.display());
                scores[entry.payload().category()] += entry.payload().weight();
            }
        });
        if (!regexes.isEmpty()) {
            String head = text.length() > TokenizedText.MAX_ANALYSED_CHARS ? text.substring(0, TokenizedText.MAX_ANALYSED_CHARS) : text;
            String folded = Folding.fold(head);
            for (RegexRule rule : regexes) {
                if (rule.pattern().matcher(head).find() || rule.pattern().matcher(folded).find()) {
                    String display = "/" + rule.pattern().pattern() + "/";
                    List<String> matched = matches.get(rule.category());
                    if (!matched.contains(display)) {
                        matched.add(display);
                        scores[rule.category()] += USER_RULE_WEIGHT;
                    }
                }
            }
        }
        return new Scores(scores, matches);
    }

    /** Scores per category index and the rule texts that fired for each. */
    record Scores(double[] values, List<List<String>> matches) {
        /** The best index (first declared wins a tie), or -1 when nothing fired. */
        int best() {
            int best = -1;
            for (int i = 0; i < values.length; i++) if (values[i] > 0 && (best < 0 || values[i] > values[best])) best = i;
            return best;
        }

        double runnerUp(int best) {
            double second = 0;
            for (int i = 0; i < values.length; i++) if (i != best) second = Math.max(second, values[i]);
            return second;
        }

        double total() {
            double total = 0;
            for (double value : values) total += value;
            return total;
        }
    }

    private static Optional<Integer> resolve(Taxonomy taxonomy, Map<Category, Integer> index, String label) {
        return taxonomy.resolve(label).map(index::get);
    }

    private static double idf(int categories, int frequency) {
        return Math.log(1.0 + (double) categories / frequency);
    }

    /** Keeps the strongest weight when the same phrase is added twice for a category. */
    private static void put(Map<String, Entry> entries, String phrase, int category, double weight) {
        String[] stems = PhraseIndex.stemsOf(phrase);
        if (stems.length == 0) return;
        String key = category + "|" + String.join(" ", stems);
        Entry previous = entries.get(key);
        if (previous == null || previous.weight < weight) entries.put(key, new Entry(phrase.strip(), category, weight));
    }

    private record Entry(String phrase, int category, double weight) {
    }

    /** Splits {@code card_arrival}, {@code cardArrival} or {@code card-arrival} into words. */
    static String splitLabel(String label) {
        return label.replaceAll("([a-z])([A-Z])", "$1 $2").replaceAll("[_\\-/.]+", " ").strip();
    }

    static List<String> contentWords(String text, int minLength) {
        TokenizedText tokens = TokenizedText.of(text);
        List<String> words = new ArrayList<>();
        for (String word : tokens.words) {
            if (word.length() >= minLength && !STOP_WORDS.contains(word) && Character.isLetterOrDigit(word.codePointAt(0))) {
                words.add(word);
            }
        }
        return words;
    }

    private static List<String> stems(List<String> words) {
        List<String> stems = new ArrayList<>(words.size());
        for (String word : words) stems.add(Folding.stem(word));
        return stems;
    }

    private static int wordCount(String phrase) {
        return PhraseIndex.stemsOf(phrase).length;
    }
}
