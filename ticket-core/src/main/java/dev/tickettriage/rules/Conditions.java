package dev.tickettriage.rules;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Channel;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Language;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.SupportStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Ready-made {@link Condition}s, meant for static import. Classification conditions (category,
 * sentiment, classified priority, confidence, language) are false for unclassified tickets. Every
 * returned condition is immutable and thread-safe; factories throw {@link NullPointerException} for
 * null arguments and {@link IllegalArgumentException} for empty or invalid ones.
 */
public final class Conditions {

    private Conditions() {
    }

    /** The ticket has a classification. */
    public static Condition classified() {
        return context -> context.classification().isPresent();
    }

    /** The classified category is {@code id} (exact, case-sensitive: labels are the host's own words). */
    public static Condition category(String id) {
        return categoryIn(List.of(Category.of(id)));
    }

    /** The classified category is {@code category}. */
    public static Condition category(Category category) {
        return categoryIn(List.of(category));
    }

    /** The classified category is one of {@code ids}. */
    public static Condition categoryIn(String... ids) {
        return categoryIn(Arrays.stream(ids).map(Category::of).toList());
    }

    /** The classified category is one of {@code categories}. */
    public static Condition categoryIn(Collection<Category> categories) {
        Set<Category> wanted = Set.copyOf(categories);
        if (wanted.isEmpty()) throw new IllegalArgumentException("categories must not be empty");
        return classification(classification -> wanted.contains(classification.category()));
    }

    /** The classified sentiment is one of the given grades. */
    public static Condition sentiment(Sentiment first, Sentiment... more) {
        Set<Sentiment> wanted = EnumSet.of(first, more);
        return classification(classification -> wanted.contains(classification.sentiment()));
    }

    /** The classified sentiment is {@code sentiment} or more negative: {@code sentimentAtMost(NEGATIVE)} also matches VERY_NEGATIVE. */
    public static Condition sentimentAtMost(Sentiment sentiment) {
        Objects.requireNonNull(sentiment, "sentiment");
        return classification(classification -> classification.sentiment().isAtMost(sentiment));
    }

    /**
     * The ticket's priority in force ({@code Ticket.priority()}, set by automation, a rule or an agent) is at
     * least {@code priority}; false while the ticket has none. A merely suggested priority does not count:
     * use {@link #classifiedPriorityAtLeast} for that.
     */
    public static Condition priorityAtLeast(Priority priority) {
        Objects.requireNonNull(priority, "priority");
        return context -> context.ticket().priority().map(current -> current.isAtLeast(priority)).orElse(false);
    }

    /** The classifier's priority is at least {@code priority}, whatever its confidence. */
    public static Condition classifiedPriorityAtLeast(Priority priority) {
        Objects.requireNonNull(priority, "priority");
        return classification(classification -> classification.priority().isAtLeast(priority));
    }

    /** The classifier rated {@code field} with a confidence of at least {@code threshold}; false when unrated. */
    public static Condition confidenceAtLeast(ClassificationField field, double threshold) {
        Objects.requireNonNull(field, "field");
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
        }
        return classification(classification ->
                classification.confidence(field).map(confidence -> confidence.isAtLeast(threshold)).orElse(false));
    }

    /**
     * The classified language matches one of {@code tags}: a bare language ({@code "es"}) matches every region
     * ({@code es-MX}); a tag with a region matches only that region.
     */
    public static Condition language(String... tags) {
        return language(Arrays.stream(tags).map(Language::of).toArray(Language[]::new));
    }

    /** The classified language matches one of {@code languages}; see {@link #language(String...)}. */
    public static Condition language(Language... languages) {
        List<Language> wanted = List.of(languages);
        if (wanted.isEmpty()) throw new IllegalArgumentException("languages must not be empty");
        return classification(classification -> wanted.stream().anyMatch(language -> sameLanguage(language, classification.language())));
    }

    private static boolean sameLanguage(Language wanted, Language actual) {
        return wanted.tag().contains("-") ? wanted.tag().equalsIgnoreCase(actual.tag())
                : wanted.primary().equalsIgnoreCase(actual.primary());
    }

    /**
     * The subject or body contains one of {@code keywords} as a whole word or phrase, ignoring case and accents
     * ({@code "caída"} matches "CAIDA"; {@code "down"} does not match "download").
     */
    public static Condition containsAnyKeyword(String... keywords) {
        KeywordMatcher matcher = new KeywordMatcher(keywords);
        return context -> matcher.matches(context.ticket().text());
    }

    /** {@code pattern} is found somewhere in the subject or body ({@link java.util.regex.Matcher#find()}). */
    public static Condition matchesRegex(Pattern pattern) {
        Objects.requireNonNull(pattern, "pattern");
        return context -> pattern.matcher(context.ticket().text()).find();
    }

    /** {@code regex}, compiled case-insensitive (Unicode), is found in the subject or body. */
    public static Condition matchesRegex(String regex) {
        return matchesRegex(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    /** The ticket came in on one of the given channels. */
    public static Condition channel(Channel first, Channel... more) {
        Set<Channel> wanted = EnumSet.of(first, more);
        return context -> wanted.contains(context.ticket().channel());
    }

    /** The ticket is in one of the given support statuses. */
    public static Condition status(SupportStatus first, SupportStatus... more) {
        Set<SupportStatus> wanted = EnumSet.of(first, more);
        return context -> wanted.contains(context.ticket().status());
    }

    /**
     * The customer's e-mail address is at {@code domain} or one of its subdomains, ignoring case:
     * {@code customerEmailDomain("acme.com")} matches {@code ana@acme.com} and {@code bo@eu.acme.com}.
     */
    public static Condition customerEmailDomain(String domain) {
        Objects.requireNonNull(domain, "domain");
        String wanted = (domain.startsWith("@") ? domain.substring(1) : domain).strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty() || wanted.contains("@")) {
            throw new IllegalArgumentException("domain must be a domain name such as 'example.com'");
        }
        return context -> context.ticket().customer().email().map(email -> {
            String host = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            return host.equals(wanted) || host.endsWith("." + wanted);
        }).orElse(false);
    }

    /** The customer has an external id (a known account in the host's system). */
    public static Condition hasCustomerExternalId() {
        return context -> context.ticket().customer().externalId().isPresent();
    }

    /** The ticket carries {@code tag} (exact match). */
    public static Condition hasTag(String tag) {
        Objects.requireNonNull(tag, "tag");
        return context -> context.ticket().tags().contains(tag);
    }

    /** More than {@code age} has passed between {@code createdAt} and the routing's {@code now} (strictly). */
    public static Condition olderThan(Duration age) {
        Objects.requireNonNull(age, "age");
        if (age.isNegative()) throw new IllegalArgumentException("age must not be negative, was " + age);
        return context -> Duration.between(context.ticket().createdAt(), context.now()).compareTo(age) > 0;
    }

    /** The routing's {@code now} falls within {@code hours}. */
    public static Condition withinBusinessHours(BusinessHours hours) {
        Objects.requireNonNull(hours, "hours");
        return context -> hours.isOpen(context.now());
    }

    /** The routing's {@code now} falls outside {@code hours}. */
    public static Condition outsideBusinessHours(BusinessHours hours) {
        return withinBusinessHours(hours).negate();
    }

    /** The ticket is unresolved past its SLA deadline at the routing's {@code now}; see {@link SlaPolicy#isBreached}. */
    public static Condition slaBreached(SlaPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return context -> policy.isBreached(context.ticket(), context.now());
    }

    /**
     * Conditions on the host's custom field {@code name} (declared on the taxonomy): {@code field("refund_requested").isTrue()},
     * {@code field("plan").in("enterprise", "business")}, {@code field("plan").confidenceAtLeast(0.7)}; see {@link FieldConditions}.
     *
     * @throws IllegalArgumentException when {@code name} is not a valid field name (lower snake case)
     */
    public static FieldConditions field(String name) {
        return new FieldConditions(FieldConditions.requireName(name), 0.0);
    }

    private static Condition classification(Predicate<Classification> test) {
        return context -> context.classification().map(test::test).orElse(false);
    }
}
