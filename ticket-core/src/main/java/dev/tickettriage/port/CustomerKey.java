package dev.tickettriage.port;

import java.util.Locale;
import java.util.Objects;

/**
 * Which customer a right-to-erasure request names: an e-mail address (compared ignoring case) or the host's external
 * id (compared exactly). Its {@code toString()} never shows the value (it is personal data).
 */
public record CustomerKey(Kind kind, String value) {

    /** What the value is. */
    public enum Kind { EMAIL, EXTERNAL_ID }

    public CustomerKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) throw new IllegalArgumentException("value must not be blank");
    }

    /** The customer with this e-mail address (any case). */
    public static CustomerKey email(String email) {
        return new CustomerKey(Kind.EMAIL, email);
    }

    /** The customer with this id in the host's CRM. */
    public static CustomerKey externalId(String externalId) {
        return new CustomerKey(Kind.EXTERNAL_ID, externalId);
    }

    /** Whether a ticket of {@code customer} belongs to this key. */
    public boolean matches(dev.tickettriage.domain.Customer customer) {
        return kind == Kind.EMAIL
                ? customer.email().map(email -> email.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))).orElse(false)
                : customer.externalId().map(value::equals).orElse(false);
    }

    @Override
    public String toString() {
        return "CustomerKey[" + kind + ", ****]";
    }
}
