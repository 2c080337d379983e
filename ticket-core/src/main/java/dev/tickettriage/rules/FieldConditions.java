package dev.tickettriage.rules;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.FieldDefinition;
import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.domain.FilledField;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Conditions on one custom classification field, from {@link Conditions#field(String)}:
 *
 * <pre>{@code
 * rule("refunds").when(field("refund_requested").isTrue())
 * rule("big-accounts").when(field("plan").in("enterprise", "business").and(field("plan").confidenceAtLeast(0.7)))
 * rule("many-seats").when(field("seats").atLeast(100))
 * rule("sure-plans").when(field("plan").withConfidenceAtLeast(0.7).in("enterprise"))
 * }</pre>
 *
 * <p>Every condition is false for an unclassified ticket and for a field the classifier did not fill (except
 * {@link #isNotFilled()}), and false when the value is of another kind (a number test on a text field). Values are
 * compared exactly with the declared values (the canonical strings of {@link FieldValue#strings()}): the pipeline
 * stores only declared values, so write {@code "enterprise"}, not an alias. A confidence floor set with
 * {@link #withConfidenceAtLeast(double)} makes a field filled below it count as not filled. Immutable and thread-safe.
 */
public final class FieldConditions {

    private final String name;
    private final double minConfidence;

    FieldConditions(String name, double minConfidence) {
        this.name = name;
        this.minConfidence = minConfidence;
    }

    /** The field's name. */
    public String name() {
        return name;
    }

    /**
     * The same conditions, counting the field as filled only when its confidence is at least {@code threshold}.
     *
     * @throws IllegalArgumentException unless {@code threshold} is in [0, 1]
     */
    public FieldConditions withConfidenceAtLeast(double threshold) {
        return new FieldConditions(name, requireThreshold(threshold));
    }

    /** The classifier filled the field (with at least the confidence floor, if one is set). */
    public Condition isFilled() {
        return test(field -> true);
    }

    /** The classifier did not fill the field (or filled it below the confidence floor); false for unclassified tickets. */
    public Condition isNotFilled() {
        return context -> context.classification().map(classification -> filled(classification).isEmpty()).orElse(false);
    }

    /**
     * The field is filled with a confidence of at least {@code threshold} (the per-field confidence gate).
     *
     * @throws IllegalArgumentException unless {@code threshold} is in [0, 1]
     */
    public Condition confidenceAtLeast(double threshold) {
        double floor = requireThreshold(threshold);
        return test(field -> field.confidence().isAtLeast(floor));
    }

    /** A boolean field is true. */
    public Condition isTrue() {
        return value(value -> value instanceof FieldValue.BooleanValue bool && bool.value());
    }

    /** A boolean field is false (filled as false: not the same as not filled). */
    public Condition isFalse() {
        return value(value -> value instanceof FieldValue.BooleanValue bool && !bool.value());
    }

    /** The value is {@code value}: one value of a closed set, one of several, a text or a canonical number/boolean. */
    public Condition is(String value) {
        return in(value);
    }

    /**
     * The value is one of {@code values}; for a several-values field, at least one of its values is.
     *
     * @throws IllegalArgumentException when {@code values} is empty
     */
    public Condition in(String... values) {
        Set<String> wanted = Set.of(values);
        if (wanted.isEmpty()) throw new IllegalArgumentException("values must not be empty");
        return value(value -> value.strings().stream().anyMatch(wanted::contains));
    }

    /**
     * A several-values field holds every one of {@code values} (a one-value field: it is the only one given).
     *
     * @throws IllegalArgumentException when {@code values} is empty
     */
    public Condition containsAll(String... values) {
        List<String> wanted = List.of(values);
        if (wanted.isEmpty()) throw new IllegalArgumentException("values must not be empty");
        return value(value -> value.strings().containsAll(wanted));
    }

    /** A number field is at least {@code bound}. */
    public Condition atLeast(double bound) {
        double limit = requireFinite(bound);
        return number(value -> value >= limit);
    }

    /** A number field is at most {@code bound}. */
    public Condition atMost(double bound) {
        double limit = requireFinite(bound);
        return number(value -> value <= limit);
    }

    /** A number field is greater than {@code bound}. */
    public Condition greaterThan(double bound) {
        double limit = requireFinite(bound);
        return number(value -> value > limit);
    }

    /** A number field is less than {@code bound}. */
    public Condition lessThan(double bound) {
        double limit = requireFinite(bound);
        return number(value -> value < limit);
    }

    /**
     * A number field is in [{@code min}, {@code max}].
     *
     * @throws IllegalArgumentException when {@code min > max} or a bound is not finite
     */
    public Condition between(double min, double max) {
        requireFinite(min);
        requireFinite(max);
        if (min > max) throw new IllegalArgumentException("min must not exceed max, were " + min + " and " + max);
        return number(value -> value >= min && value <= max);
    }

    /**
     * The level {@link AutomationPolicy#apply} recorded for this field on the ticket is at least {@code level}
     * (for example {@code automationLevelAtLeast(APPLY)}: route on the field only when automation may act on it).
     */
    public Condition automationLevelAtLeast(AutomationLevel level) {
        Objects.requireNonNull(level, "level");
        return context -> AutomationPolicy.recordedLevel(context.ticket(), name)
                .map(recorded -> recorded.compareTo(level) >= 0).orElse(false);
    }

    private Optional<FilledField> filled(Classification classification) {
        return classification.field(name).filter(field -> field.confidence().isAtLeast(minConfidence));
    }

    private Condition test(Predicate<FilledField> predicate) {
        return context -> context.classification().flatMap(this::filled).map(predicate::test).orElse(false);
    }

    private Condition value(Predicate<FieldValue> predicate) {
        return test(field -> predicate.test(field.value()));
    }

    private Condition number(java.util.function.DoublePredicate predicate) {
        return value(value -> value instanceof FieldValue.NumberValue number && predicate.test(number.value()));
    }

    static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (!FieldDefinition.isValidName(name)) {
            throw new IllegalArgumentException("field name must be lower snake case (a-z, 0-9, '_'), at most 64 characters");
        }
        return name;
    }

    private static double requireThreshold(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
        }
        return threshold;
    }

    private static double requireFinite(double bound) {
        if (!Double.isFinite(bound)) throw new IllegalArgumentException("bound must be finite, was " + bound);
        return bound;
    }

    @Override
    public String toString() {
        return "FieldConditions[" + name + (minConfidence > 0 ? ", confidence >= " + minConfidence : "") + "]";
    }
}
