package dev.tickettriage.domain;

import dev.tickettriage.error.IdempotencyConflictException;
import dev.tickettriage.error.InvalidTicketException;
import dev.tickettriage.error.InvalidTicketException.Violation;
import dev.tickettriage.internal.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns untrusted {@link NewTicket} input into a valid NEW {@link Ticket}, or reports every broken rule.
 *
 * <p>Length limits are checked on the text as received, before anything else, so an oversized field
 * costs no normalisation; they are checked again after normalisation (which may lengthen some text).
 * Every text field is then NFC-normalised, line endings become LF, and control characters other than tab
 * and line feed are <b>stripped</b> (documented choice: pasted e-mails often carry stray NULs or form
 * feeds, and rejecting them would lose the ticket). Text containing an unpaired UTF-16 surrogate is
 * <b>rejected</b>: it cannot be encoded as UTF-8 and would be corrupted on the way to a store or model.
 * Text is trimmed; text without a visible character (only spaces, NBSP, zero-width or other format
 * characters) counts as blank: a blank body is rejected, blank optional fields become absent. Null tags,
 * attribute keys and values, and attribute keys that become equal after normalisation are rejected. The
 * idempotency key is checked with the rest, so one {@link InvalidTicketException} lists every problem.
 * Lengths count code points. Immutable and thread-safe.
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
     * @throws InvalidTicketException listing every broken rule, the idempotency key's included; nothing is created
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
        input.idempotencyKey().flatMap(IdempotencyKey::problem)
                .ifPresent(reason -> violations.add(new Violation("idempotencyKey", reason)));
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

    /**
     * Checks that a submit which reused an idempotency key asks for the ticket already stored under it: the
     * same subject, body, customer and channel after normalisation (compared by a SHA-256 fingerprint; tags
     * and attributes may differ, so a retry may add a tag). Call it when the store reports the key as taken.
     *
     * @param stored    the ticket the repository holds for the key
     * @param submitted the ticket the new submit would have created
     * @throws IdempotencyConflictException when the two requests differ; its message names the stored
     *         ticket's id, never ticket text
     */
    public void requireSameRequest(Ticket stored, Ticket submitted) {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(submitted, "submitted");
        if (!RequestFingerprint.of(stored).equals(RequestFingerprint.of(submitted))) {
            throw new IdempotencyConflictException(stored.id());
        }
    }

    private static @Nullable String clean(String field, @Nullable String raw, int max, List<Violation> violations) {
        if (raw == null) return null;
        // checked before anything costly: a 10 MB body must not be NFC-normalised just to be rejected
        if (raw.length() > max) {
            int rawLength = Text.codePoints(raw);
            if (rawLength > max) {
                violations.add(tooLong(field, max, rawLength));
                return null;
            }
        }
        Optional<String> sanitized = Text.sanitize(raw);
        if (sanitized.isEmpty()) {
            violations.add(new Violation(field, "contains an unpaired UTF-16 surrogate (invalid Unicode)"));
            return null;
        }
        String value = sanitized.get().strip();
        if (!Text.hasVisibleCharacter(value)) return null;
        int length = Text.codePoints(value);
        if (length > max) {
            violations.add(tooLong(field, max, length));
            return null;
        }
        return value;
    }

    private static Violation tooLong(String field, int max, int length) {
        return new Violation(field, "must be at most " + max + " characters, was " + length);
    }

    private Set<String> cleanTags(Set<@Nullable String> raw, List<Violation> violations) {
        if (raw.size() > limits.maxTags()) {
            violations.add(new Violation("tags", "must be at most " + limits.maxTags() + " tags, was " + raw.size()));
            return Set.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        int position = 0;
        for (String tag : raw) {
            position++;
            if (tag == null) {
                violations.add(new Violation("tags", "tag " + position + " must not be null"));
                continue;
            }
            String value = clean("tags", tag, limits.maxTagLength(), violations);
            if (value != null) {
                if (!value.codePoints().allMatch(Text::isVisible)) {
                    violations.add(new Violation("tags", "must not contain whitespace or invisible characters"));
                } else {
                    tags.add(value);
                }
            }
        }
        return tags;
    }

    private Map<String, String> cleanAttributes(Map<@Nullable String, @Nullable String> raw, List<Violation> violations) {
        if (raw.size() > limits.maxAttributes()) {
            violations.add(new Violation("attributes", "must be at most " + limits.maxAttributes() + " entries, was " + raw.size()));
            return Map.of();
        }
        Map<String, String> attributes = new TreeMap<>();
        Map<String, Integer> positions = new HashMap<>();
        int position = 0;
        for (Map.Entry<@Nullable String, @Nullable String> entry : raw.entrySet()) {
            position++;
            if (entry.getKey() == null) {
                violations.add(new Violation("attributes.key", "at position " + position + " must not be null"));
            }
            if (entry.getValue() == null) {
                violations.add(new Violation("attributes.value", "at position " + position + " must not be null"));
            }
            String key = clean("attributes.key", entry.getKey(), limits.maxAttributeKeyLength(), violations);
            String value = clean("attributes.value", entry.getValue(), limits.maxAttributeValueLength(), violations);
            if (key == null) continue;
            Integer first = positions.putIfAbsent(key, position);
            if (first != null) {
                // neither key is quoted: attribute keys come from the same untrusted input as the values
                violations.add(new Violation("attributes", "key at position " + position + " equals the key at position "
                        + first + " after normalisation (NFC, control characters removed, trimmed)"));
            } else if (value != null) {
                attributes.put(key, value);
            }
        }
        return new LinkedHashMap<>(attributes);
    }
}
