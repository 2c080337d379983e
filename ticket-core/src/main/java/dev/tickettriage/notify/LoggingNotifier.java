package dev.tickettriage.notify;

import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default {@link Notifier}: writes each notification's target, priority and ticket id to the
 * {@code dev.tickettriage.notifications} logger at INFO (title and message, which may quote the customer,
 * only at DEBUG) and reports it delivered. Replace it with a real notifier (ntfy, e-mail) in production.
 * Thread-safe.
 */
public final class LoggingNotifier implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tickettriage.notifications");

    @Override
    public DeliveryResult deliver(Notification notification) {
        LOG.info("Notification to {} ({}) about ticket {}", notification.target(), notification.priority(), notification.ticketId());
        LOG.debug("Notification {}: {} - {}", notification.idempotencyKey(), notification.title(), notification.message());
        return DeliveryResult.delivered();
    }

    @Override
    public String name() {
        return "logging";
    }
}
