package dev.tickettriage;

import dev.tickettriage.internal.Text;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.Notifier;
import dev.tickettriage.port.OutboxEntry;
import dev.tickettriage.port.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers outbox entries through the notifier for their target, at least once. Thread-safe. */
final class OutboxDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int MAX_DETAIL_LENGTH = 300;

    private final PipelineConfig config;
    private final Events events;
    private final AtomicLong delivered = new AtomicLong();

    OutboxDispatcher(PipelineConfig config, Events events) {
        this.config = config;
        this.events = events;
    }

    long deliveredCount() {
        return delivered.get();
    }

    /** Claims and delivers up to {@code limit} due entries; returns how many it claimed. */
    int dispatchOnce(String owner, int limit) {
        List<OutboxEntry> entries = config.outbox().claimDue(owner, limit, config.leaseDuration());
        for (OutboxEntry entry : entries) {
            deliver(entry);
        }
        return entries.size();
    }

    private void deliver(OutboxEntry entry) {
        Notification notification = entry.notification();
        Optional<Notifier> notifier = config.notifierFor(notification.target());
        if (notifier.isEmpty()) {
            config.outbox().markFailed(entry.id(), "no notifier for target '" + notification.target() + "'");
            LOG.error("Notification {} for ticket {} dropped: no notifier for target '{}'", notification.idempotencyKey(),
                    notification.ticketId(), notification.target());
            return;
        }
        DeliveryResult result;
        try {
            result = notifier.get().deliver(notification);
        } catch (RuntimeException e) {
            result = DeliveryResult.retryable(notifier.get().name() + " threw " + e.getClass().getName(), null);
            LOG.warn("Notifier {} threw delivering {}; will retry", notifier.get().name(), notification.idempotencyKey(), e);
        }
        Instant now = config.clock().instant();
        switch (result.status()) {
            case DELIVERED:
                config.outbox().markDelivered(entry.id());
                delivered.incrementAndGet();
                events.publish(seq -> new TicketEvent.NotificationDelivered(seq, notification, now));
                break;
            case RETRYABLE_FAILURE:
                int failedAttempts = entry.attempts() + 1;
                String detail = Text.truncate(result.failureDetail().orElse("retryable failure"), MAX_DETAIL_LENGTH);
                if (config.notificationRetry().allowsRetryAfter(failedAttempts)) {
                    Duration wait = config.notificationRetry().backoff(failedAttempts, result.retryDelay());
                    config.outbox().markRetry(entry.id(), now.plus(wait), detail);
                    LOG.debug("Notification {} attempt {} failed, retry in {}: {}", notification.idempotencyKey(), failedAttempts, wait, detail);
                } else {
                    config.outbox().markFailed(entry.id(), detail);
                    LOG.error("Notification {} for ticket {} given up after {} attempts: {}", notification.idempotencyKey(),
                            notification.ticketId(), failedAttempts, detail);
                }
                break;
            case PERMANENT_FAILURE:
                String reason = Text.truncate(result.failureDetail().orElse("permanent failure"), MAX_DETAIL_LENGTH);
                config.outbox().markFailed(entry.id(), reason);
                LOG.error("Notification {} for ticket {} failed permanently: {}", notification.idempotencyKey(),
                        notification.ticketId(), reason);
                break;
            default:
                throw new IllegalStateException("unknown delivery status " + result.status());
        }
    }
}
