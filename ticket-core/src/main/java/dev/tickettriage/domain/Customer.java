package dev.tickettriage.domain;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The person behind a ticket; every part is optional. Build untrusted input through
 * {@link NewTicket} so each part is validated; this record only holds already-clean values.
 */
public record Customer(@Nullable String name, @Nullable String email, @Nullable String externalId) {

    public static final Customer ANONYMOUS = new Customer(null, null, null);

    public Optional<String> nameValue() {
        return Optional.ofNullable(name);
    }

    public Optional<String> emailValue() {
        return Optional.ofNullable(email);
    }

    public Optional<String> externalIdValue() {
        return Optional.ofNullable(externalId);
    }

    public boolean isAnonymous() {
        return name == null && email == null && externalId == null;
    }

    @Override
    public String toString() {
        // customer name and e-mail are personal data: keep them out of logs and exception messages
        return "Customer[externalId=" + externalId + ", name=" + (name == null ? null : "***")
                + ", email=" + (email == null ? null : "***") + "]";
    }
}
