package dev.tickettriage.classifier;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Language;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.ScoredCategory;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default classifier: deterministic keyword, phrase and regex rules per category, a sentiment
 * lexicon with negation, priority cues and English/Spanish language detection, with a rationale naming
 * the rules that fired. Works with any taxonomy: matchers are derived from each category's label words,
 * aliases and examples (compiled once per taxonomy and cached), plus built-in English and Spanish keywords
 * for the default labels and the user's rules. Matching is case- and accent-insensitive on whole words,
 * with a light suffix stemmer ("refunds" matches "refund"). When nothing matches, the answer is the
 * taxonomy's fallback (else its first category) with a category confidence of at most 0.3.
 *
 * <p><b>Custom fields.</b> Closed-set fields are filled from the aliases and examples of their values, boolean fields
 * from their true/false cues, with the same whole-word matching (a cue shortly after a negator such as "not" or "no"
 * does not count). A field is left not filled when nothing matched or the evidence is tied or contradictory; numbers
 * and free text are never filled. Their confidence is rule strength ({@code RULE}).
 *
 * <p>Immutable and thread-safe; never throws for valid input. Texts longer than 8,000 characters are
 * analysed by their head only.
 */
public final class RuleClassifier implements Classifier {

    /** The name used in provenance and logs. */
    public static final String NAME = "rules";
    /** Category confidence when no rule fired: below the usual 0.5 threshold, so composites treat it as unsure. */
    public static final double NO_MATCH_CONFIDENCE = 0.2;
    /** How many compiled taxonomies are kept. */
    public static final int MAX_CACHED_TAXONOMIES = 32;
    private static final int MAX_SUMMARY_LENGTH = 160;
    private static final int MAX_KEY_TOPICS = 5;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Set<ClassificationField> CAPABILITIES = Set.copyOf(EnumSet.allOf(ClassificationField.class));

    private final Map<String, List<String>> userPhrases;
    private final Map<String, List<Pattern>> userRegexes;
    private final Clock clock;
    private final Map<Taxonomy, CategoryRules> compiled = new ConcurrentHashMap<>();
    private volatile @Nullable Compiled lastCompiled;

    private RuleClassifier(Builder builder) {
        this.userPhrases = copy(builder.phrases);
        this.userRegexes = copy(builder.regexes);
        this.clock = builder.clock;
    }

    /** A builder for user rules and the clock; not thread-safe. */
    public static Builder builder() {
        return new Builder();
    }

    /** A rule classifier with the built-in rules only and the system clock. */
    public static RuleClassifier ofDefaults() {
        return builder().build();
    }

    @Override
    public Classification classify(Ticket ticket, Taxonomy taxonomy) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(taxonomy, "taxonomy");
        Instant start = clock.instant();
        String text = ticket.text();
        TokenizedText tokens = TokenizedText.of(text);
        CategoryRules rules = rulesFor(taxonomy);
        CategoryRules.Scores scores = rules.score(tokens, text);
        int best = scores.best();
        int chosen = best < 0 ? rules.fallback : best;
        Category category = rules.categories.get(chosen);
        double categoryConfidence = best < 0 ? NO_MATCH_CONFIDENCE : categoryConfidence(scores.values()[best], scores.runnerUp(best));

        SentimentAnalyzer.Result sentiment = SentimentAnalyzer.analyse(tokens);
        List<PriorityCues.Cue> cues = PriorityCues.find(tokens);
        Priority priority = priority(cues, sentiment.score());
        LanguageDetector.Result language = LanguageDetector.detect(tokens);
        List<String> matched = best < 0 ? List.of() : scores.matches().get(best);
        FieldMatchers.Result fields = rules.fields.match(tokens);

        Classification.Builder result = Classification.builder()
                .category(category)
                .sentimentFromScore(round(sentiment.score()))
                .priority(priority)
                .language(language.language())
                .alternatives(alternatives(rules, scores, chosen))
                .summary(summary(ticket))
                .suggestedReply(ReplyTemplates.reply(category, rules.builtInLabels.get(chosen), language.language()))
                .keyTopics(keyTopics(matched, cues))
                .rationale(rationale(category, best < 0, matched, sentiment, priority, cues, language) + fields.rationale())
                .fields(fields.filled())
                .confidence(ClassificationField.CATEGORY, Confidence.of(round(categoryConfidence), ConfidenceSource.RULE))
                .confidence(ClassificationField.SENTIMENT, Confidence.of(round(sentimentConfidence(sentiment)), ConfidenceSource.RULE))
                .confidence(ClassificationField.PRIORITY, Confidence.of(cues.isEmpty() ? 0.5 : 0.8, ConfidenceSource.RULE))
                .confidence(ClassificationField.LANGUAGE, Confidence.of(round(language.confidence()), ConfidenceSource.RULE));
        Duration latency = Duration.between(start, clock.instant());
        return result.provenance(Provenance.of(NAME, taxonomy.version(), latency.isNegative() ? Duration.ZERO : latency)).build();
    }

    @Override
    public Set<ClassificationField> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@link ClassifierLimits#cpuBound()}: it computes in the JVM, one call per core, batches of 16. */
    @Override
    public ClassifierLimits limits() {
        return ClassifierLimits.cpuBound();
    }

    private CategoryRules rulesFor(Taxonomy taxonomy) {
        Compiled last = lastCompiled;
        if (last != null && last.taxonomy() == taxonomy) return last.rules();
        CategoryRules rules = compiledFor(taxonomy);
        lastCompiled = new Compiled(taxonomy, rules);
        return rules;
    }

    /** The most recently used taxonomy and its rules: most hosts use one taxonomy, so skip hashing it. */
    private record Compiled(Taxonomy taxonomy, CategoryRules rules) {
    }

    private CategoryRules compiledFor(Taxonomy taxonomy) {
        CategoryRules rules = compiled.get(taxonomy);
        if (rules != null) return rules;
        if (compiled.size() >= MAX_CACHED_TAXONOMIES) compiled.clear();
        return compiled.computeIfAbsent(taxonomy, key -> CategoryRules.compile(key, userPhrases, userRegexes));
    }

    /** Strength grows with the winning score, and shrinks when a runner-up is close. */
    static double categoryConfidence(double top, double second) {
        double strength = top / (top + 1.0);
        double margin = (top - second) / top;
        return Math.min(0.95, 0.25 + 0.7 * strength * (0.4 + 0.6 * margin));
    }

    private static double sentimentConfidence(SentimentAnalyzer.Result sentiment) {
        if (sentiment.contributions().isEmpty()) return 0.4;
        return Math.min(0.95, 0.45 + 0.3 * Math.abs(sentiment.score()) + 0.05 * sentiment.contributions().size());
    }

    private static Priority priority(List<PriorityCues.Cue> cues, double sentimentScore) {
        Priority priority = cues.isEmpty() ? Priority.MEDIUM : cues.get(0).priority();
        if (priority == Priority.LOW && Sentiment.fromScore(sentimentScore).isNegative()) priority = Priority.MEDIUM;
        if (priority == Priority.MEDIUM && Sentiment.fromScore(sentimentScore) == Sentiment.VERY_NEGATIVE) priority = Priority.HIGH;
        return priority;
    }

    private static List<ScoredCategory> alternatives(CategoryRules rules, CategoryRules.Scores scores, int chosen) {
        double total = scores.total();
        List<ScoredCategory> alternatives = new ArrayList<>();
        if (total == 0) return alternatives;
        for (int i = 0; i < rules.categories.size(); i++) {
            if (i != chosen && scores.values()[i] > 0) {
                alternatives.add(new ScoredCategory(rules.categories.get(i), round(scores.values()[i] / total)));
            }
        }
        alternatives.sort((a, b) -> Double.compare(b.score(), a.score()));
        return alternatives.size() > 3 ? alternatives.subList(0, 3) : alternatives;
    }

    static String summary(Ticket ticket) {
        String source = ticket.subject().orElse(ticket.body()).strip();
        int end = source.length();
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\n' || ((c == '.' || c == '!' || c == '?') && (i + 1 == source.length() || Character.isWhitespace(source.charAt(i + 1))))) {
                end = c == '\n' ? i : i + 1;
                if (end > 0) break;
            }
        }
        String sentence = WHITESPACE.matcher(source.substring(0, end).strip()).replaceAll(" ");
        if (sentence.isEmpty()) sentence = WHITESPACE.matcher(source).replaceAll(" ");
        return dev.tickettriage.internal.Text.truncate(sentence, MAX_SUMMARY_LENGTH);
    }

    private static List<String> keyTopics(List<String> matched, List<PriorityCues.Cue> cues) {
        Map<String, Boolean> topics = new LinkedHashMap<>();
        for (String phrase : matched) topics.putIfAbsent(phrase, true);
        for (PriorityCues.Cue cue : cues) topics.putIfAbsent(cue.phrase(), true);
        return topics.keySet().stream().limit(MAX_KEY_TOPICS).toList();
    }

    private static String rationale(Category category, boolean fallback, List<String> matched, SentimentAnalyzer.Result sentiment,
                                    Priority priority, List<PriorityCues.Cue> cues, LanguageDetector.Result language) {
        StringBuilder out = new StringBuilder("category ").append(category.id()).append(": ");
        if (fallback) out.append("no rule matched, fallback");
        else out.append("matched ").append(quoted(matched));
        out.append("; sentiment ").append(SentimentAnalyzer.signed(sentiment.score())).append(": ");
        if (sentiment.contributions().isEmpty()) out.append("no sentiment words");
        else out.append(String.join(", ", sentiment.contributions().stream().limit(5).map(SentimentAnalyzer.Contribution::describe).toList()));
        out.append("; priority ").append(priority).append(": ");
        out.append(cues.isEmpty() ? "no cue" : "cue " + quoted(cues.stream().limit(3).map(PriorityCues.Cue::phrase).toList()));
        out.append("; language ").append(language.language().tag()).append(": ")
                .append("en ").append(language.english()).append(" vs es ").append(language.spanish());
        return out.toString();
    }

    private static String quoted(List<String> phrases) {
        StringBuilder out = new StringBuilder();
        for (String phrase : phrases) out.append(out.length() == 0 ? "" : ",").append('\'').append(phrase).append('\'');
        return out.toString();
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    private static <T> Map<String, List<T>> copy(Map<String, List<T>> source) {
        Map<String, List<T>> copy = new LinkedHashMap<>();
        source.forEach((label, values) -> copy.put(label, List.copyOf(values)));
        return Map.copyOf(copy);
    }

    /** Builds a {@link RuleClassifier}; not thread-safe. */
    public static final class Builder {
        private final Map<String, List<String>> phrases = new LinkedHashMap<>();
        private final Map<String, List<Pattern>> regexes = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Adds phrases that vote for {@code categoryLabel} (a label or alias; ignored for taxonomies without it).
         * Matched case- and accent-insensitively on whole words; they outweigh built-in keywords.
         */
        public Builder rule(String categoryLabel, String... phrases) {
            Objects.requireNonNull(categoryLabel, "categoryLabel");
            Objects.requireNonNull(phrases, "phrases");
            if (categoryLabel.isBlank()) throw new IllegalArgumentException("categoryLabel must not be blank");
            for (String phrase : phrases) {
                Objects.requireNonNull(phrase, "phrase");
                if (PhraseIndex.stemsOf(phrase).length == 0) throw new IllegalArgumentException("phrase must contain a word");
                this.phrases.computeIfAbsent(categoryLabel, key -> new ArrayList<>()).add(phrase);
            }
            return this;
        }

        /** Adds a regex that votes for {@code categoryLabel}; tried on the text as written and lower-cased without accents. */
        public Builder rule(String categoryLabel, Pattern regex) {
            Objects.requireNonNull(categoryLabel, "categoryLabel");
            Objects.requireNonNull(regex, "regex");
            if (categoryLabel.isBlank()) throw new IllegalArgumentException("categoryLabel must not be blank");
            regexes.computeIfAbsent(categoryLabel, key -> new ArrayList<>()).add(regex);
            return this;
        }

        /** The clock used to measure latency; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A classifier with these rules; taxonomies are compiled lazily on first use. */
        public RuleClassifier build() {
            return new RuleClassifier(this);
        }
    }
}
