package dev.tickettriage.domain;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The person behind a ticket; every part is optional (an empty {@link Optional} when absent). Build untrusted input
 * through {@link NewTicket} so each part is validated; this type only holds already-clean values. Immutable and
 * thread-safe; {@link #toString()} masks the name and e-mail.
 */
public final class Customer {

    public static final Customer ANONYMOUS = new Customer(null, null, null);

    private final @Nullable String name;
    private final @Nullable String email;
    private final @Nullable String externalId;

    /** A customer; {@code null} for a part that is not known. */
    public Customer(@Nullable String name, @Nullable String email, @Nullable String externalId) {
        this.name = name;
        this.email = email;
        this.externalId = externalId;
    }

    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    /** The customer's id in the host's CRM, if known. */
    public Optional<String> externalId() {
        return Optional.ofNullable(externalId);
    }

    public boolean isAnonymous() {
        return name == null && email == null && externalId == null;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) return true;
        if (!(other instanceof Customer)) return false;
        Customer that = (Customer) other;
        return Objects.equals(name, that.name) && Objects.equals(email, that.email) && Objects.equals(externalId, that.externalId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, email, externalId);
    }

    @Override
    public String toString() {
        // customer name and e-mail are personal data: keep them out of logs and exception messages
        return "Customer[externalId=" + externalId + ", name=" + (name == null ? null : "***")
                + ", email=" + (email == null ? null : "***") + "]";
    }
}
