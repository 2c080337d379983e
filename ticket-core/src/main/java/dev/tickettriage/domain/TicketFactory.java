package dev.tickettriage.domain;

import dev.tickettriage.error.InvalidTicketException;
import dev.tickettriage.error.InvalidTicketException.Violation;
import dev.tickettriage.internal.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns untrusted {@link NewTicket} input into a valid NEW {@link Ticket}, or reports every broken rule.
 *
 * <p>Every text field is NFC-normalised, line endings become LF, and control characters other than tab
 * and line feed are <b>stripped</b> (documented choice: pasted e-mails often carry stray NULs or form
 * feeds, and rejecting them would lose the ticket). Text containing an unpaired UTF-16 surrogate is
 * <b>rejected</b>: it cannot be encoded as UTF-8 and would be corrupted on the way to a store or model.
 * Text is trimmed; blank optional fields become absent. Lengths count code points. Immutable and thread-safe.
 */
public final class TicketFactory {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    private final TicketLimits limits;

    public TicketFactory(TicketLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public static TicketFactory ofDefaults() {
        return new TicketFactory(TicketLimits.ofDefaults());
    }

    public TicketLimits limits() {
        return limits;
    }

    /**
     * A valid ticket in state NEW, status OPEN, version 0, created at {@code now}.
     *
     * @throws InvalidTicketException listing every broken rule; nothing is created
     */
    public Ticket create(NewTicket input, Instant now) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(now, "now");
        List<Violation> violations = new ArrayList<>();
        String subject = clean("subject", input.subject().orElse(null), limits.maxSubjectLength(), violations);
        String body = clean("body", input.body().orElse(null), limits.maxBodyLength(), violations);
        if (body == null && violations.stream().noneMatch(v -> v.field().equals("body"))) {
            violations.add(new Violation("body", "must not be blank"));
        }
        String name = clean("customer.name", input.customerName().orElse(null), TicketLimits.DEFAULT_MAX_NAME_LENGTH, violations);
        String email = clean("customer.email", input.customerEmail().orElse(null), TicketLimits.DEFAULT_MAX_EMAIL_LENGTH, violations);
        if (email != null && !EMAIL.matcher(email).matches()) {
            violations.add(new Violation("customer.email", "must be an e-mail address like name@example.com"));
        }
        String externalId = clean("customer.externalId", input.customerExternalId().orElse(null),
                TicketLimits.DEFAULT_MAX_EXTERNAL_ID_LENGTH, violations);
        Set<String> tags = cleanTags(input.tags(), violations);
        Map<String, String> attributes = cleanAttributes(input.attributes(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidTicketException(violations);
        }
        return Ticket.builder()
                .id(TicketId.generate(now))
                .createdAt(now)
                .subject(subject)
                .body(Objects.requireNonNull(body))
                .customer(new Customer(name, email, externalId))
                .channel(input.channel())
                .tags(tags)
                .attributes(attributes)
                .build();
    }

    /**
     * Validates an idempotency key from untrusted input.
     *
     * @throws InvalidTicketException when it breaks the key rules
     */
    public Optional<IdempotencyKey> idempotencyKey(NewTicket input) {
        Optional<String> raw = input.idempotencyKey();
        if (raw.isEmpty()) return Optional.empty();
        try {
            return Optional.of(IdempotencyKey.of(raw.get()));
        } catch (dev.tickettriage.error.InvalidInputException e) {
            throw new InvalidTicketException(List.of(new Violation(e.field(), e.reason())));
        }
    }

    private static @Nullable String clean(String field, @Nullable String raw, int max, List<Violation> violations) {
        if (raw == null) return null;
        Optional<String> sanitized = Text.sanitize(raw);
        if (sanitized.isEmpty()) {
            violations.add(new Violation(field, "contains an unpaired UTF-16 surrogate (invalid Unicode)"));
            return null;
        }
        String value = sanitized.get().strip();
        if (value.isEmpty()) return null;
        int length = Text.codePoints(value);
        if (length > max) {
            violations.add(new Violation(field, "must be at most " + max + " characters, was " + length));
            return null;
        }
        return value;
    }

    private Set<String> cleanTags(Set<String> raw, List<Violation> violations) {
        if (raw.size() > limits.maxTags()) {
            violations.add(new Violation("tags", "must be at most " + limits.maxTags() + " tags, was " + raw.size()));
            return Set.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : raw) {
            String value = clean("tags", tag, limits.maxTagLength(), violations);
            if (value != null) {
                if (value.chars().anyMatch(Character::isWhitespace)) {
                    violations.add(new Violation("tags", "must not contain whitespace"));
                } else {
                    tags.add(value);
                }
            }
        }
        return tags;
    }

    private Map<String, String> cleanAttributes(Map<String, String> raw, List<Violation> violations) {
        if (raw.size() > limits.maxAttributes()) {
            violations.add(new Violation("attributes", "must be at most " + limits.maxAttributes() + " entries, was " + raw.size()));
            return Map.of();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        raw.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String key = clean("attributes.key", entry.getKey(), limits.maxAttributeKeyLength(), violations);
            String value = clean("attributes.value", entry.getValue(), limits.maxAttributeValueLength(), violations);
            if (key != null && value != null) attributes.put(key, value);
        });
        return attributes;
    }
}
