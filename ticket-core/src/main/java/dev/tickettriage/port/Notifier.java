package dev.tickettriage.port;

/**
 * Delivers {@link Notification}s to people (push, e-mail, chat, webhook).
 *
 * <p>Delivery is at least once: the outbox dispatcher may call {@link #deliver} again with the same
 * {@link Notification#idempotencyKey()} after a crash or a retryable failure, so implementations pass the
 * key on (for example as a header) or drop repeats themselves. Expected failures are returned as a
 * {@link DeliveryResult}, not thrown; an unexpected exception counts as a retryable failure.
 *
 * <p>Implementations are thread-safe. Implementations must pass {@code NotifierContract} in ticket-testkit.
 */
@FunctionalInterface
public interface Notifier {

    /** Tries to deliver one notification. */
    DeliveryResult deliver(Notification notification);

    /** A short stable name for logs, for example {@code ntfy}. */
    default String name() {
        return getClass().getSimpleName();
    }
}
