package dev.tickettriage.domain;

import dev.tickettriage.error.InvalidFieldValueException;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.internal.Text;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A custom classification field the host declares next to its categories on the {@link Taxonomy}: a stable
 * name, a description for the model, a type, and whether it is required.
 *
 * <pre>{@code
 * Taxonomy.builder().version("support-2")
 *         .category("billing", "Charges and refunds")
 *         .field(FieldDefinition.oneOf("plan", "The customer's plan",
 *                 FieldChoice.of("free", "Free tier"), FieldChoice.of("enterprise", "Enterprise contract",
 *                         List.of("our enterprise account"), List.of("enterprise plan", "empresa")))
 *                 .asRequired())
 *         .field(FieldDefinition.bool("refund_requested", "The customer asks for money back",
 *                 List.of("refund", "money back", "reembolso"), List.of()))
 *         .field(FieldDefinition.decimal("churn_risk", "How likely the customer is to leave", 0, 1))
 *         .build();
 * }</pre>
 *
 * <p><b>Types.</b> {@link OneOfField} (one value of a closed set), {@link ManyOfField} (several, between a minimum
 * and maximum count), {@link BooleanField}, {@link NumberField} (bounded, integer or decimal) and
 * {@link TextField} (short free text up to a maximum length). Switch on {@link #kind()} or use {@code instanceof}.
 *
 * <p><b>Names</b> are lower snake case ({@code refund_requested}), at most 64 characters, unique in a taxonomy, and
 * none of {@link #RESERVED_NAMES} (the built-in classification fields).
 *
 * <p><b>Required</b> (default: optional) means a model must always answer the field: a generated JSON schema makes
 * it non-nullable. It is not enforced on stored classifications, because classifiers that cannot tell (the rule
 * classifier, for free text or numbers) leave a field not filled rather than invent a value; rules must therefore
 * not assume a required field is filled.
 *
 * <p><b>Values.</b> {@link #validate(FieldValue)} checks a value against the declaration; {@link #parse(String)} turns
 * a classifier's (or a label file's) answer into a value, mapping aliases, case, accents and separators of closed-set
 * values ({@code "Enterprise plan "} to {@code enterprise}) and the usual spellings of booleans. Both throw
 * {@link InvalidFieldValueException} naming the field, never quoting the answer.
 *
 * <p><b>JSON schema for models.</b> A strict-mode schema of the whole field set is one object whose properties are the
 * field names, all listed in {@code required}, with {@code additionalProperties: false}: {@code one_of} is
 * {@code {"type": "string", "enum": [values]}}; {@code many_of} is {@code {"type": "array", "items": {"type": "string",
 * "enum": [values]}}} (min/max count stated in the description, then checked by {@link #validate}); {@code boolean},
 * {@code integer} and {@code number} map to their JSON types (bounds in the description); {@code text} is a string
 * (maximum length in the description). A field that is not {@link #required()} gets {@code null} added to its type
 * (and to its enum) so the model can leave it empty; answers are mapped back with {@link #parse} or built and checked
 * with {@link #validate}, and a null answer means not filled.
 *
 * <p>Every declaration is an immutable, thread-safe record validated when constructed; constructors and factories throw
 * {@link InvalidInputException} naming the field ({@code taxonomy.fields.<name>}) for a broken declaration.
 */
public sealed interface FieldDefinition permits FieldDefinition.OneOfField, FieldDefinition.ManyOfField,
        FieldDefinition.BooleanField, FieldDefinition.NumberField, FieldDefinition.TextField {

    /**
     * Names a custom field cannot take: the built-in classification fields (and the names the LLM issue will use for
     * its own answer parts), so a generated prompt, schema or output column never holds two fields of one name.
     */
    Set<String> RESERVED_NAMES = Set.of("category", "categories", "sentiment", "sentiment_score", "priority", "language",
            "confidence", "confidences", "summary", "suggested_reply", "key_topics", "action_items", "next_steps",
            "rationale", "alternatives", "provenance", "fields", "id", "ticket_id", "tickets", "results");

    /** The default maximum length of a {@link TextField}, in code points. */
    int DEFAULT_TEXT_MAX_LENGTH = 200;
    /** The largest maximum length a {@link TextField} may declare: "short" free text. */
    int MAX_TEXT_LENGTH = 2_000;

    /** The stable identifier, lower snake case, for example {@code refund_requested}. */
    String name();

    /** What the field means, for the model and for people; may be empty. */
    String description();

    /** Whether a model must always answer it (non-nullable in a generated schema); see the class comment. */
    boolean required();

    /** The type. */
    FieldKind kind();

    /** A copy of this declaration that is required. */
    FieldDefinition asRequired();

    /**
     * Returns {@code value} if it fits this declaration.
     *
     * @throws InvalidFieldValueException when it is of another kind, outside the declared set or bounds, too long,
     *         blank, or holds control characters or invalid Unicode
     */
    FieldValue validate(FieldValue value);

    /**
     * The value a textual answer stands for: a declared value or alias (case, accents, surrounding blanks and
     * {@code _}/{@code -}/space differences ignored); several values separated by {@code |}; {@code true/false},
     * {@code yes/no}, {@code sí/no}, {@code 1/0}; a decimal number; or stripped text.
     *
     * @throws InvalidFieldValueException when the answer does not stand for a valid value
     */
    FieldValue parse(String answer);

    /**
     * The value a list of answers stands for: each element a declared value or alias for {@link ManyOfField}; exactly
     * one element, parsed with {@link #parse(String)}, for the other types.
     *
     * @throws InvalidFieldValueException when the answers do not stand for a valid value
     */
    default FieldValue parse(List<String> answers) {
        Objects.requireNonNull(answers, "answers");
        if (answers.size() != 1) throw new InvalidFieldValueException(name(), "takes exactly one value, got " + answers.size());
        return parse(Objects.requireNonNull(answers.get(0), "answer"));
    }

    /** Whether {@code name} is a valid field name (lower snake case, at most 64 characters); reserved names are valid names. */
    static boolean isValidName(String name) {
        Objects.requireNonNull(name, "name");
        return FieldChecks.isValidName(name);
    }

    /** An optional field taking one of {@code values}. */
    static OneOfField oneOf(String name, String description, FieldChoice... values) {
        return new OneOfField(name, description, false, List.of(values));
    }

    /** An optional field taking one of {@code values}. */
    static OneOfField oneOf(String name, String description, List<FieldChoice> values) {
        return new OneOfField(name, description, false, values);
    }

    /** An optional field taking {@code minCount} to {@code maxCount} distinct values of {@code values}. */
    static ManyOfField manyOf(String name, String description, int minCount, int maxCount, FieldChoice... values) {
        return new ManyOfField(name, description, false, minCount, maxCount, List.of(values));
    }

    /** An optional field taking {@code minCount} to {@code maxCount} distinct values of {@code values}. */
    static ManyOfField manyOf(String name, String description, int minCount, int maxCount, List<FieldChoice> values) {
        return new ManyOfField(name, description, false, minCount, maxCount, values);
    }

    /** An optional boolean field without cues (the rule classifier leaves it not filled). */
    static BooleanField bool(String name, String description) {
        return new BooleanField(name, description, false, List.of(), List.of());
    }

    /** An optional boolean field with phrases that suggest true or false in ticket text (used by the rule classifier). */
    static BooleanField bool(String name, String description, List<String> trueCues, List<String> falseCues) {
        return new BooleanField(name, description, false, trueCues, falseCues);
    }

    /** An optional whole-number field in [{@code min}, {@code max}]. */
    static NumberField integer(String name, String description, long min, long max) {
        return new NumberField(name, description, false, min, max, true);
    }

    /** An optional decimal field in [{@code min}, {@code max}]. */
    static NumberField decimal(String name, String description, double min, double max) {
        return new NumberField(name, description, false, min, max, false);
    }

    /** An optional short free-text field of at most {@code maxLength} code points. */
    static TextField text(String name, String description, int maxLength) {
        return new TextField(name, description, false, maxLength);
    }

    /** One value of a closed set. */
    record OneOfField(String name, String description, boolean required, List<FieldChoice> values) implements FieldDefinition {

        public OneOfField {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            values = List.copyOf(values);
            FieldChecks.requireDeclaration(name, description);
            FieldChecks.index(name, values);
        }

        @Override
        public FieldKind kind() {
            return FieldKind.ONE_OF;
        }

        @Override
        public OneOfField asRequired() {
            return new OneOfField(name, description, true, values);
        }

        /** The declared value names in declaration order. */
        public List<String> valueNames() {
            return values.stream().map(FieldChoice::value).toList();
        }

        /** The declared value {@code answer} stands for (value or alias, see {@link #parse(String)}), if any. */
        public Optional<String> resolve(String answer) {
            Objects.requireNonNull(answer, "answer");
            return FieldChecks.resolve(values, FieldChecks.index(name, values), answer);
        }

        @Override
        public FieldValue validate(FieldValue value) {
            Objects.requireNonNull(value, "value");
            if (!(value instanceof FieldValue.ChoiceValue choice)) throw wrongKind(this, value);
            if (!valueNames().contains(choice.value())) {
                throw new InvalidFieldValueException(name, "is not one of the declared values (" + FieldChecks.describe(values) + ")");
            }
            return value;
        }

        @Override
        public FieldValue parse(String answer) {
            Objects.requireNonNull(answer, "answer");
            FieldChecks.requireCleanAnswer(name, answer);
            return new FieldValue.ChoiceValue(resolve(answer).orElseThrow(() -> new InvalidFieldValueException(name,
                    "is not one of the declared values or aliases (" + FieldChecks.describe(values) + ")")));
        }
    }

    /** Several distinct values of a closed set, between {@code minCount} and {@code maxCount} of them. */
    record ManyOfField(String name, String description, boolean required, int minCount, int maxCount, List<FieldChoice> values)
            implements FieldDefinition {

        public ManyOfField {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            values = List.copyOf(values);
            FieldChecks.requireDeclaration(name, description);
            FieldChecks.index(name, values);
            if (minCount < 1 || maxCount < minCount || maxCount > values.size()) {
                throw new InvalidInputException(FieldChecks.path(name), "needs 1 <= min_count <= max_count <= number of values ("
                        + values.size() + "), was " + minCount + " and " + maxCount);
            }
        }

        @Override
        public FieldKind kind() {
            return FieldKind.MANY_OF;
        }

        @Override
        public ManyOfField asRequired() {
            return new ManyOfField(name, description, true, minCount, maxCount, values);
        }

        /** The declared value names in declaration order. */
        public List<String> valueNames() {
            return values.stream().map(FieldChoice::value).toList();
        }

        /** The declared value {@code answer} stands for (value or alias), if any. */
        public Optional<String> resolve(String answer) {
            Objects.requireNonNull(answer, "answer");
            return FieldChecks.resolve(values, FieldChecks.index(name, values), answer);
        }

        @Override
        public FieldValue validate(FieldValue value) {
            Objects.requireNonNull(value, "value");
            if (!(value instanceof FieldValue.ChoicesValue choices)) throw wrongKind(this, value);
            List<String> declared = valueNames();
            for (String chosen : choices.values()) {
                if (!declared.contains(chosen)) {
                    throw new InvalidFieldValueException(name, "holds a value that is not declared (" + FieldChecks.describe(values) + ")");
                }
            }
            int count = choices.values().size();
            if (count < minCount || count > maxCount) {
                throw new InvalidFieldValueException(name, "must hold " + minCount + " to " + maxCount + " values, held " + count);
            }
            return value;
        }

        @Override
        public FieldValue parse(String answer) {
            Objects.requireNonNull(answer, "answer");
            return parse(List.of(answer.split("\\|", -1)));
        }

        /** Each answer a value or alias; blank answers are skipped, repeats merged, the result in declaration order. */
        @Override
        public FieldValue parse(List<String> answers) {
            Objects.requireNonNull(answers, "answers");
            Map<String, String> index = FieldChecks.index(name, values);
            java.util.Set<String> chosen = new java.util.HashSet<>();
            for (String answer : answers) {
                Objects.requireNonNull(answer, "answer");
                FieldChecks.requireCleanAnswer(name, answer);
                if (!Text.hasVisibleCharacter(answer)) continue;
                chosen.add(FieldChecks.resolve(values, index, answer).orElseThrow(() -> new InvalidFieldValueException(name,
                        "holds an answer that is not a declared value or alias (" + FieldChecks.describe(values) + ")")));
            }
            if (chosen.isEmpty()) {
                throw new InvalidFieldValueException(name, "must hold " + minCount + " to " + maxCount + " values, held 0");
            }
            List<String> ordered = new ArrayList<>();
            for (String declared : valueNames()) if (chosen.contains(declared)) ordered.add(declared);
            return validate(new FieldValue.ChoicesValue(ordered));
        }
    }

    /**
     * True or false. {@code trueCues} and {@code falseCues} are phrases that suggest the value in ticket text; the rule
     * classifier fills the field from them (a negated cue, as in "I don't want a refund", counts for neither) and
     * leaves it not filled when none or both sides match.
     */
    record BooleanField(String name, String description, boolean required, List<String> trueCues, List<String> falseCues)
            implements FieldDefinition {

        private static final Set<String> TRUE = Set.of("true", "yes", "y", "1", "si", "verdadero");
        private static final Set<String> FALSE = Set.of("false", "no", "n", "0", "falso");

        public BooleanField {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            trueCues = List.copyOf(trueCues);
            falseCues = List.copyOf(falseCues);
            FieldChecks.requireDeclaration(name, description);
            FieldChecks.requireValidUnicode(FieldChecks.path(name) + ".true_cues", name, trueCues);
            FieldChecks.requireValidUnicode(FieldChecks.path(name) + ".false_cues", name, falseCues);
            for (String cue : trueCues) requireVisible(name, cue, "true_cues");
            for (String cue : falseCues) requireVisible(name, cue, "false_cues");
        }

        private static void requireVisible(String name, String cue, String list) {
            if (!Text.hasVisibleCharacter(cue)) throw new InvalidInputException(FieldChecks.path(name) + "." + list, "must not hold blank phrases");
        }

        @Override
        public FieldKind kind() {
            return FieldKind.BOOLEAN;
        }

        @Override
        public BooleanField asRequired() {
            return new BooleanField(name, description, true, trueCues, falseCues);
        }

        @Override
        public FieldValue validate(FieldValue value) {
            Objects.requireNonNull(value, "value");
            if (!(value instanceof FieldValue.BooleanValue)) throw wrongKind(this, value);
            return value;
        }

        @Override
        public FieldValue parse(String answer) {
            Objects.requireNonNull(answer, "answer");
            FieldChecks.requireCleanAnswer(name, answer);
            String key = FieldChecks.key(answer);
            if (TRUE.contains(key)) return new FieldValue.BooleanValue(true);
            if (FALSE.contains(key)) return new FieldValue.BooleanValue(false);
            throw new InvalidFieldValueException(name, "must be true or false (also yes/no, sí/no, 1/0)");
        }
    }

    /** A number in [{@code min}, {@code max}]; whole numbers only when {@code integer}. */
    record NumberField(String name, String description, boolean required, double min, double max, boolean integer)
            implements FieldDefinition {

        private static final int MAX_ANSWER_LENGTH = 40;

        public NumberField {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            FieldChecks.requireDeclaration(name, description);
            if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
                throw new InvalidInputException(FieldChecks.path(name), "needs finite bounds with min <= max, was " + min + " and " + max);
            }
            if (integer && (min != Math.rint(min) || max != Math.rint(max))) {
                throw new InvalidInputException(FieldChecks.path(name), "is an integer field, so its bounds must be whole numbers");
            }
        }

        @Override
        public FieldKind kind() {
            return FieldKind.NUMBER;
        }

        @Override
        public NumberField asRequired() {
            return new NumberField(name, description, true, min, max, integer);
        }

        @Override
        public FieldValue validate(FieldValue value) {
            Objects.requireNonNull(value, "value");
            if (!(value instanceof FieldValue.NumberValue number)) throw wrongKind(this, value);
            if (integer && !number.isWhole()) throw new InvalidFieldValueException(name, "must be a whole number");
            if (number.value() < min || number.value() > max) {
                throw new InvalidFieldValueException(name, "must be in [" + new FieldValue.NumberValue(min).canonical() + ", "
                        + new FieldValue.NumberValue(max).canonical() + "]");
            }
            return value;
        }

        @Override
        public FieldValue parse(String answer) {
            Objects.requireNonNull(answer, "answer");
            FieldChecks.requireCleanAnswer(name, answer);
            String trimmed = answer.strip();
            double parsed;
            try {
                if (trimmed.length() > MAX_ANSWER_LENGTH) throw new NumberFormatException();
                parsed = new BigDecimal(trimmed).doubleValue();
            } catch (NumberFormatException e) {
                throw new InvalidFieldValueException(name, "must be a decimal number such as 3 or 0.75");
            }
            if (!Double.isFinite(parsed)) throw new InvalidFieldValueException(name, "must be a finite number");
            return validate(new FieldValue.NumberValue(parsed == 0 ? 0.0 : parsed));
        }
    }

    /**
     * Short free text of 1 to {@code maxLength} code points (at most {@value FieldDefinition#MAX_TEXT_LENGTH}), on one
     * line: no control characters (line breaks and tabs included) and no unpaired surrogates. The rule classifier never
     * fills it.
     */
    record TextField(String name, String description, boolean required, int maxLength) implements FieldDefinition {

        public TextField {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            FieldChecks.requireDeclaration(name, description);
            if (maxLength < 1 || maxLength > MAX_TEXT_LENGTH) {
                throw new InvalidInputException(FieldChecks.path(name), "max_length must be in [1, " + MAX_TEXT_LENGTH + "], was " + maxLength);
            }
        }

        @Override
        public FieldKind kind() {
            return FieldKind.TEXT;
        }

        @Override
        public TextField asRequired() {
            return new TextField(name, description, true, maxLength);
        }

        @Override
        public FieldValue validate(FieldValue value) {
            Objects.requireNonNull(value, "value");
            if (!(value instanceof FieldValue.TextValue text)) throw wrongKind(this, value);
            FieldChecks.requireCleanAnswer(name, text.value());
            if (!Text.hasVisibleCharacter(text.value())) {
                throw new InvalidFieldValueException(name, "is blank (leave the field not filled instead)");
            }
            int length = Text.codePoints(text.value());
            if (length > maxLength) {
                throw new InvalidFieldValueException(name, "is " + length + " characters long, more than the maximum " + maxLength);
            }
            return value;
        }

        @Override
        public FieldValue parse(String answer) {
            Objects.requireNonNull(answer, "answer");
            return validate(new FieldValue.TextValue(answer.strip()));
        }
    }

    private static InvalidFieldValueException wrongKind(FieldDefinition definition, FieldValue value) {
        return new InvalidFieldValueException(definition.name(), "must be a " + definition.kind().wireName() + " value, was a "
                + value.kind().wireName() + " value");
    }
}
