package dev.tickettriage.domain;

import dev.tickettriage.error.InvalidFieldValueException;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.internal.Text;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Shared checks of field declarations and values. */
final class FieldChecks {

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(?:_[a-z0-9]+)*");
    static final int MAX_NAME_LENGTH = 64;
    static final int MAX_DESCRIPTION_LENGTH = 2_000;
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_\\-]+");

    private FieldChecks() {
    }

    static void requireValidUnicode(String field, String owner, List<String> texts) {
        for (String text : texts) {
            if (Text.hasUnpairedSurrogate(text)) {
                throw new InvalidInputException(field, "of '" + owner + "' contains an unpaired UTF-16 surrogate (invalid Unicode)");
            }
        }
    }

    static boolean isValidName(String name) {
        return name.length() <= MAX_NAME_LENGTH && NAME.matcher(name).matches();
    }

    /** Checks what every declaration shares: name, description. */
    static void requireDeclaration(String name, String description) {
        if (!isValidName(name)) {
            throw new InvalidInputException("taxonomy.fields", "name '" + shown(name) + "' must be lower snake case (a-z, 0-9, single '_'), "
                    + "starting with a letter, at most " + MAX_NAME_LENGTH + " characters");
        }
        if (FieldDefinition.RESERVED_NAMES.contains(name)) {
            throw new InvalidInputException(path(name), "clashes with the built-in field '" + name + "'; choose another name");
        }
        if (Text.hasUnpairedSurrogate(description)) {
            throw new InvalidInputException(path(name) + ".description", "contains an unpaired UTF-16 surrogate (invalid Unicode)");
        }
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new InvalidInputException(path(name) + ".description", "must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
    }

    /** A declared name as it may be shown in a message: cut, control characters replaced. */
    static String shown(String name) {
        StringBuilder out = new StringBuilder();
        Text.truncate(name, 40).codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE ? '?' : cp));
        return out.toString();
    }

    static String path(String name) {
        return "taxonomy.fields." + name;
    }

    /** Folded (lower case, no accents), blanks/underscores/hyphens as one space, stripped: the key answers are matched by. */
    static String key(String text) {
        return SEPARATORS.matcher(Text.fold(text)).replaceAll(" ").strip();
    }

    /** Indexes values and aliases by {@link #key}; a key used by two values is a declaration error. */
    static Map<String, String> index(String field, List<FieldChoice> choices) {
        if (choices.isEmpty()) {
            throw new InvalidInputException(path(field) + ".values", "must contain at least one value");
        }
        Map<String, String> byKey = new HashMap<>();
        Set<String> values = new java.util.HashSet<>();
        for (FieldChoice choice : choices) {
            if (!values.add(choice.value())) {
                throw new InvalidInputException(path(field) + ".values", "has duplicate value '" + choice.value() + "'");
            }
        }
        for (FieldChoice choice : choices) register(field, byKey, choice.value(), choice.value());
        for (FieldChoice choice : choices) {
            for (String alias : choice.aliases()) register(field, byKey, alias, choice.value());
        }
        return Map.copyOf(byKey);
    }

    private static void register(String field, Map<String, String> byKey, String name, String value) {
        String previous = byKey.put(key(name), value);
        if (previous != null && !previous.equals(value)) {
            throw new InvalidInputException(path(field) + ".values", "name '" + name + "' is used twice (by '" + previous
                    + "' and '" + value + "')");
        }
    }

    /** The declared value an answer stands for: exact value first, then a folded value or alias. */
    static Optional<String> resolve(List<FieldChoice> choices, Map<String, String> byKey, String answer) {
        String trimmed = answer.strip();
        for (FieldChoice choice : choices) {
            if (choice.value().equals(trimmed)) return Optional.of(trimmed);
        }
        return Optional.ofNullable(byKey.get(key(trimmed)));
    }

    /** Rejects text that cannot be a value: unpaired surrogates, control characters. */
    static void requireCleanAnswer(String field, String answer) {
        if (Text.hasUnpairedSurrogate(answer)) {
            throw new InvalidFieldValueException(field, "contains an unpaired UTF-16 surrogate (invalid Unicode)");
        }
        if (answer.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidFieldValueException(field, "contains control characters");
        }
    }

    static String describe(List<FieldChoice> choices) {
        StringBuilder out = new StringBuilder();
        for (FieldChoice choice : choices) {
            if (out.length() > 0) out.append(", ");
            if (out.length() > 200) {
                out.append("...");
                break;
            }
            out.append(choice.value());
        }
        return out.toString();
    }
}
