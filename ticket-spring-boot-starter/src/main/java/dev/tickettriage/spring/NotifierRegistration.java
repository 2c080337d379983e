package dev.tickettriage.spring;

import dev.tickettriage.port.Notifier;
import java.util.Objects;

/**
 * One notifier serving one notification target (the name routing rules notify, e.g. {@code support-alerts}). The
 * starter registers one per configured notifier; a host adds its own by declaring a bean of this type. Two
 * registrations for one target fail the start-up, naming both. Closing it closes the notifier when that is
 * {@link AutoCloseable}.
 *
 * @param target   the notification target
 * @param notifier who delivers its notifications
 * @param source   where it was configured, for error messages (e.g. {@code ticket-triage.notify.ntfy})
 */
public record NotifierRegistration(String target, Notifier notifier, String source) implements AutoCloseable {

    public NotifierRegistration {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(source, "source");
        if (target.isBlank()) throw new IllegalArgumentException(source + ".target must not be blank");
    }

    @Override
    public void close() throws Exception {
        if (notifier instanceof AutoCloseable closeable) closeable.close();
    }
}
