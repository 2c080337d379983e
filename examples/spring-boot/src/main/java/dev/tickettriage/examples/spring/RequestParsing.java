package dev.tickettriage.examples.spring;

import dev.tickettriage.examples.spring.ApiProblems.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Collects every invalid field of one request, so the problem response names them all at once. */
final class RequestParsing {

    private final List<FieldError> errors = new ArrayList<>();

    /** Parses an enum value written in any case, with - or _ ; records an error naming the allowed values. */
    <E extends Enum<E>> Optional<E> enumValue(String field, @Nullable String raw, Class<E> type) {
        if (raw == null) return Optional.empty();
        String name = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(name)) return Optional.of(value);
        }
        errors.add(new FieldError(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                .map(TicketView::lower).toList() + ", was '" + abbreviate(raw) + "'"));
        return Optional.empty();
    }

    /** Each value of a multi-valued parameter (repeated or comma-separated), parsed. */
    <E extends Enum<E>> List<E> enumValues(String field, @Nullable List<String> raw, Class<E> type) {
        List<E> values = new ArrayList<>();
        for (String value : split(raw)) enumValue(field, value, type).ifPresent(values::add);
        return values;
    }

    /** A value parsed by {@code parse}, which throws IllegalArgumentException (or a subclass) when it is bad. */
    <T> Optional<T> parsed(String field, @Nullable String raw, Function<String, T> parse, String expected) {
        if (raw == null || raw.isBlank()) return Optional.empty();
        try {
            return Optional.of(parse.apply(raw.trim()));
        } catch (RuntimeException e) {
            errors.add(new FieldError(field, "must be " + expected + ", was '" + abbreviate(raw) + "'"));
            return Optional.empty();
        }
    }

    void error(String field, String reason) {
        errors.add(new FieldError(field, reason));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Throws the collected errors, if any. */
    void check() {
        if (!errors.isEmpty()) throw new ApiProblems.BadRequest(errors);
    }

    static List<String> split(@Nullable List<String> raw) {
        if (raw == null) return List.of();
        List<String> values = new ArrayList<>();
        for (String item : raw) {
            for (String part : item.split(",")) {
                if (!part.isBlank()) values.add(part.trim());
            }
        }
        return values;
    }

    static String abbreviate(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 40 ? clean : clean.substring(0, 40) + "…";
    }

    static boolean bool(String text) {
        if (text.equalsIgnoreCase("true")) return true;
        if (text.equalsIgnoreCase("false")) return false;
        throw new IllegalArgumentException("not a boolean");
    }
}
