package dev.tickettriage.rules;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Ticket;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Confidence-gated automation per classified field: below {@code suggestBelow} (A) a value is only
 * suggested, from A up to {@code applyAtOrAbove} (B) it is pre-selected for a human to confirm, at or above B
 * it is applied automatically. An unrated field has confidence 0, so it is only suggested.
 *
 * <p>{@link #apply(Ticket)} records the level of every field the classification holds as the ticket attribute
 * {@code triage.automation.<field>} (lower case, for example {@code triage.automation.priority=preselect}) and
 * acts on the only field with a ticket counterpart, the priority: APPLY puts it in force, PRESELECT only records it
 * as {@value #PRESELECTED_PRIORITY_ATTRIBUTE} for a human to confirm ({@link #preselectedPriority(Ticket)}), SUGGEST
 * leaves it in the classification. Immutable and thread-safe.
 *
 * <p><b>Custom fields</b> (declared on the taxonomy) are gated the same way, each with its own thresholds
 * ({@link Builder#customField}) or the defaults: {@link #apply(Ticket)} records the level of every filled custom field as
 * {@code triage.automation.field.<name>} (for example {@code triage.automation.field.plan=apply}) and removes it for
 * fields no longer filled. Custom fields have no ticket counterpart, so nothing else changes; routing rules read the
 * level with {@link FieldConditions#automationLevelAtLeast(AutomationLevel)}.
 */
public final class AutomationPolicy {

    public static final double DEFAULT_SUGGEST_BELOW = 0.5;
    public static final double DEFAULT_APPLY_AT_OR_ABOVE = 0.8;
    /** Prefix of the attributes {@link #apply(Ticket)} writes. */
    public static final String ATTRIBUTE_PREFIX = "triage.automation.";
    /**
     * The attribute holding a priority pre-selected for a human to confirm (the {@link Priority} name, for example
     * {@code URGENT}); present only while the priority's level is PRESELECT. It never changes the ticket's priority.
     */
    public static final String PRESELECTED_PRIORITY_ATTRIBUTE = "triage.preselected.priority";
    /** Prefix of the attributes {@link #apply(Ticket)} writes for custom fields. */
    public static final String FIELD_ATTRIBUTE_PREFIX = ATTRIBUTE_PREFIX + "field.";

    private static final AutomationPolicy DEFAULTS = builder().build();

    private final Map<ClassificationField, Thresholds> thresholds;
    private final Thresholds customDefaults;
    private final Map<String, Thresholds> customThresholds;

    private AutomationPolicy(Builder builder) {
        EnumMap<ClassificationField, Thresholds> all = new EnumMap<>(ClassificationField.class);
        for (ClassificationField field : ClassificationField.values()) {
            all.put(field, builder.perField.getOrDefault(field, builder.defaults));
        }
        this.thresholds = Collections.unmodifiableMap(all);
        this.customDefaults = builder.defaults;
        this.customThresholds = Map.copyOf(builder.customFields);
    }

    /** A = 0.5 and B = 0.8 for every field. */
    public static AutomationPolicy ofDefaults() {
        return DEFAULTS;
    }

    /** A builder starting from the default thresholds. */
    public static Builder builder() {
        return new Builder();
    }

    /** The thresholds in force for {@code field}. */
    public Thresholds thresholds(ClassificationField field) {
        return thresholds.get(Objects.requireNonNull(field, "field"));
    }

    /** The level for {@code field} given the classifier's confidence in it (0 when unrated). */
    public AutomationLevel levelFor(ClassificationField field, Classification classification) {
        Objects.requireNonNull(classification, "classification");
        return thresholds(field).levelFor(classification.confidenceValue(field));
    }

    /**
     * The ticket with automation applied; unclassified tickets come back unchanged. APPLY sets the ticket's
     * priority from the classification; PRESELECT leaves the priority alone and records the classified one as
     * {@value #PRESELECTED_PRIORITY_ATTRIBUTE}, a pre-selection a human confirms (by setting the priority) or
     * discards; SUGGEST leaves both alone. A priority already on the ticket (from an agent, a rule or an earlier
     * classification) is never lowered by APPLY, only raised: lowering an urgent ticket automatically is the costlier
     * mistake, and agents can still lower it by hand. Attributes from an earlier application are replaced. Idempotent.
     */
    public Ticket apply(Ticket classifiedTicket) {
        Objects.requireNonNull(classifiedTicket, "classifiedTicket");
        Optional<Classification> found = classifiedTicket.classification();
        if (found.isEmpty()) return classifiedTicket;
        Classification classification = found.get();
        Ticket.Builder builder = classifiedTicket.toBuilder();
        Set<ClassificationField> present = presentFields(classification);
        for (ClassificationField field : ClassificationField.values()) {
            if (present.contains(field)) {
                builder.attribute(attributeKey(field), levelFor(field, classification).attributeValue());
            } else {
                builder.removeAttribute(attributeKey(field));
            }
        }
        AutomationLevel priorityLevel = levelFor(ClassificationField.PRIORITY, classification);
        Priority classified = classification.priority();
        if (priorityLevel == AutomationLevel.APPLY) {
            Priority current = classifiedTicket.priority().orElse(null);
            if (current == null || classified.isAtLeast(current)) builder.priority(classified);
        }
        if (priorityLevel == AutomationLevel.PRESELECT) {
            builder.attribute(PRESELECTED_PRIORITY_ATTRIBUTE, classified.name());
        } else {
            builder.removeAttribute(PRESELECTED_PRIORITY_ATTRIBUTE);
        }
        recordCustomFields(classifiedTicket, classification, builder);
        Ticket result = builder.build();
        boolean unchanged = result.attributes().equals(classifiedTicket.attributes())
                && result.priority().equals(classifiedTicket.priority());
        return unchanged ? classifiedTicket : result;
    }

    /** The attribute key for {@code field}, for example {@code triage.automation.suggested_reply}. */
    public static String attributeKey(ClassificationField field) {
        return ATTRIBUTE_KEYS.get(field);
    }

    private static final Map<ClassificationField, String> ATTRIBUTE_KEYS = attributeKeys();

    private static Map<ClassificationField, String> attributeKeys() {
        Map<ClassificationField, String> keys = new java.util.EnumMap<>(ClassificationField.class);
        for (ClassificationField field : ClassificationField.values()) {
            keys.put(field, ATTRIBUTE_PREFIX + field.name().toLowerCase(Locale.ROOT));
        }
        return java.util.Collections.unmodifiableMap(keys);
    }

    /** The level {@link #apply(Ticket)} recorded on {@code ticket} for {@code field}, if any. */
    public static Optional<AutomationLevel> recordedLevel(Ticket ticket, ClassificationField field) {
        return Optional.ofNullable(ticket.attributes().get(attributeKey(field))).flatMap(AutomationLevel::fromAttributeValue);
    }

    /**
     * The priority {@link #apply(Ticket)} pre-selected on {@code ticket} for a human to confirm, if its level was
     * PRESELECT; empty otherwise (also for an attribute value that is not a {@link Priority} name).
     */
    public static Optional<Priority> preselectedPriority(Ticket ticket) {
        String value = ticket.attributes().get(PRESELECTED_PRIORITY_ATTRIBUTE);
        if (value == null) return Optional.empty();
        for (Priority priority : Priority.values()) {
            if (priority.name().equals(value)) return Optional.of(priority);
        }
        return Optional.empty();
    }

    /** The thresholds in force for custom field {@code customField}: its own, else the defaults. */
    public Thresholds thresholds(String customField) {
        return customThresholds.getOrDefault(Objects.requireNonNull(customField, "customField"), customDefaults);
    }

    /** The level for custom field {@code customField} given its confidence; SUGGEST when it is not filled. */
    public AutomationLevel levelFor(String customField, Classification classification) {
        Objects.requireNonNull(classification, "classification");
        double confidence = classification.field(customField).map(field -> field.confidence().value()).orElse(0.0);
        return thresholds(customField).levelFor(confidence);
    }

    /** The attribute key for custom field {@code customField}, for example {@code triage.automation.field.plan}. */
    public static String attributeKey(String customField) {
        return FIELD_ATTRIBUTE_PREFIX + Objects.requireNonNull(customField, "customField");
    }

    /** The level {@link #apply(Ticket)} recorded on {@code ticket} for custom field {@code customField}, if any. */
    public static Optional<AutomationLevel> recordedLevel(Ticket ticket, String customField) {
        return Optional.ofNullable(ticket.attributes().get(attributeKey(customField))).flatMap(AutomationLevel::fromAttributeValue);
    }

    private void recordCustomFields(Ticket ticket, Classification classification, Ticket.Builder builder) {
        for (String key : ticket.attributes().keySet()) {
            if (key.startsWith(FIELD_ATTRIBUTE_PREFIX) && !classification.isFilled(key.substring(FIELD_ATTRIBUTE_PREFIX.length()))) {
                builder.removeAttribute(key);
            }
        }
        for (String field : classification.fields().keySet()) {
            builder.attribute(attributeKey(field), levelFor(field, classification).attributeValue());
        }
    }

    private static Set<ClassificationField> presentFields(Classification classification) {
        Set<ClassificationField> fields = EnumSet.of(ClassificationField.CATEGORY, ClassificationField.SENTIMENT,
                ClassificationField.PRIORITY, ClassificationField.LANGUAGE);
        if (classification.summary().isPresent()) fields.add(ClassificationField.SUMMARY);
        if (classification.suggestedReply().isPresent()) fields.add(ClassificationField.SUGGESTED_REPLY);
        if (!classification.keyTopics().isEmpty()) fields.add(ClassificationField.KEY_TOPICS);
        return fields;
    }

    @Override
    public String toString() {
        return "AutomationPolicy" + thresholds;
    }

    /**
     * Thresholds for one field: below {@code suggestBelow} SUGGEST, at or above {@code applyAtOrAbove} APPLY,
     * PRESELECT in between.
     *
     * @throws IllegalArgumentException unless {@code 0 <= suggestBelow <= applyAtOrAbove <= 1}
     */
    public record Thresholds(double suggestBelow, double applyAtOrAbove) {

        public Thresholds {
            if (!(suggestBelow >= 0 && suggestBelow <= 1) || !(applyAtOrAbove >= 0 && applyAtOrAbove <= 1)) {
                throw new IllegalArgumentException("thresholds must be in [0, 1], were " + suggestBelow + " and " + applyAtOrAbove);
            }
            if (suggestBelow > applyAtOrAbove) {
                throw new IllegalArgumentException("suggestBelow must not exceed applyAtOrAbove, were "
                        + suggestBelow + " and " + applyAtOrAbove);
            }
        }

        /** The level for a confidence value in [0, 1]. */
        public AutomationLevel levelFor(double confidence) {
            if (confidence >= applyAtOrAbove) return AutomationLevel.APPLY;
            if (confidence < suggestBelow) return AutomationLevel.SUGGEST;
            return AutomationLevel.PRESELECT;
        }
    }

    /** Builds an {@link AutomationPolicy}; not thread-safe. */
    public static final class Builder {
        private Thresholds defaults = new Thresholds(DEFAULT_SUGGEST_BELOW, DEFAULT_APPLY_AT_OR_ABOVE);
        private final Map<ClassificationField, Thresholds> perField = new EnumMap<>(ClassificationField.class);
        private final Map<String, Thresholds> customFields = new LinkedHashMap<>();

        private Builder() {
        }

        /** Thresholds for every field without its own; default A = 0.5, B = 0.8. */
        public Builder defaults(double suggestBelow, double applyAtOrAbove) {
            this.defaults = new Thresholds(suggestBelow, applyAtOrAbove);
            return this;
        }

        /** Thresholds for one field. */
        public Builder field(ClassificationField field, double suggestBelow, double applyAtOrAbove) {
            perField.put(Objects.requireNonNull(field, "field"), new Thresholds(suggestBelow, applyAtOrAbove));
            return this;
        }

        /**
         * Thresholds for one custom field (declared on the taxonomy); custom fields without their own use {@link #defaults}.
         *
         * @throws IllegalArgumentException when {@code customField} is not a valid field name or the thresholds are invalid
         */
        public Builder customField(String customField, double suggestBelow, double applyAtOrAbove) {
            customFields.put(FieldConditions.requireName(customField), new Thresholds(suggestBelow, applyAtOrAbove));
            return this;
        }

        /** The policy; fields without their own thresholds use {@link #defaults}. */
        public AutomationPolicy build() {
            return new AutomationPolicy(this);
        }
    }
}
