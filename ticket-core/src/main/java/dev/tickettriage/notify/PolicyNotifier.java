package dev.tickettriage.notify;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.Notifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The notifier {@link NotificationPolicy#wrap} returns; all state under one lock, the delegate called outside it. */
final class PolicyNotifier implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyNotifier.class);
    static final int MAX_REMEMBERED_KEYS = 100_000;
    static final int MAX_OVERFLOW = 1_000;
    static final int MAX_DIGEST_LINES = 50;
    private static final Duration DIGEST_MEMORY = Duration.ofHours(24);
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    private final NotificationPolicy policy;
    private final Notifier delegate;
    private final Object lock = new Object();
    /** Key -> when delivered (or sent inside a digest); insertion order = time order, so the head is the oldest. */
    private final LinkedHashMap<String, Instant> delivered = new LinkedHashMap<>();
    /** Keys sent inside a digest whose own outbox entries have not come back yet. */
    private final LinkedHashMap<String, Instant> digested = new LinkedHashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    private final Map<String, TargetState> targets = new HashMap<>();

    PolicyNotifier(NotificationPolicy policy, Notifier delegate) {
        this.policy = policy;
        this.delegate = delegate;
    }

    @Override
    public DeliveryResult deliver(Notification notification) {
        if (policy.isAcknowledged(notification.ticketId())) {
            LOG.debug("Notification {} dropped: ticket {} is acknowledged", notification.idempotencyKey(), notification.ticketId());
            return DeliveryResult.delivered();
        }
        Decision decision;
        synchronized (lock) {
            decision = decide(notification, policy.clock().instant());
        }
        if (decision.result != null) return decision.result;
        DeliveryResult result = null;
        try {
            result = delegate.deliver(decision.send);
            return result;
        } finally {
            synchronized (lock) {
                record(notification, decision, result, policy.clock().instant());
            }
        }
    }

    @Override
    public String name() {
        return delegate.name();
    }

    private Decision decide(Notification notification, Instant now) {
        String key = notification.idempotencyKey();
        forgetOld(now);
        if (!policy.dedupeWindow().isZero() && delivered.containsKey(key)) {
            LOG.debug("Notification {} dropped: delivered within the dedupe window", key);
            return Decision.done(DeliveryResult.delivered());
        }
        if (digested.remove(key) != null) {
            LOG.debug("Notification {} dropped: it went out in a digest", key);
            return Decision.done(DeliveryResult.delivered());
        }
        if (inFlight.contains(key)) {
            return Decision.done(DeliveryResult.deferred(now.plus(BUSY_RETRY), "the same notification is being delivered"));
        }
        Optional<Instant> quietUntil = policy.quietHours().flatMap(quiet -> quiet.endOfQuietAt(now));
        if (quietUntil.isPresent() && !notification.priority().isAtLeast(policy.quietHoursOverride())) {
            return Decision.done(DeliveryResult.deferred(quietUntil.get(), "quiet hours"));
        }
        if (policy.throttleMax() == 0) {
            inFlight.add(key);
            return Decision.send(notification, List.of(), null);
        }
        TargetState target = targets.computeIfAbsent(notification.target(), name -> new TargetState());
        target.prune(now.minus(policy.throttleWindow()));
        if (target.sent.size() + target.reserved >= policy.throttleMax() || target.digestInFlight) {
            Instant until = target.digestInFlight || target.sent.isEmpty() ? now.plus(BUSY_RETRY)
                    : target.sent.peekFirst().plus(policy.throttleWindow());
            if (target.overflow.size() < MAX_OVERFLOW || target.overflow.containsKey(key)) target.overflow.put(key, notification);
            return Decision.done(DeliveryResult.deferred(until,
                    "throttled: at most " + policy.throttleMax() + " per " + policy.throttleWindow() + " for this target; goes out in a digest"));
        }
        target.reserved++;
        inFlight.add(key);
        target.overflow.remove(key);
        if (target.overflow.isEmpty()) return Decision.send(notification, List.of(), target);
        List<Notification> included = new ArrayList<>();
        included.add(notification);
        included.addAll(target.overflow.values());
        target.digestInFlight = true;
        return Decision.send(digest(notification, included), included, target);
    }

    private void record(Notification notification, Decision decision, @Nullable DeliveryResult result, Instant now) {
        String key = notification.idempotencyKey();
        inFlight.remove(key);
        TargetState target = decision.target;
        boolean ok = result != null && result.isDelivered();
        if (target != null) {
            target.reserved--;
            if (!decision.included.isEmpty()) target.digestInFlight = false;
            if (ok) target.sent.addLast(now);
        }
        if (!ok) {
            // the carrier is back in the overflow when it takes part in a digest, so the digest is tried again
            if (target != null && !decision.included.isEmpty()) target.overflow.put(key, notification);
            return;
        }
        remember(delivered, key, now);
        for (Notification other : decision.included) {
            if (target != null) target.overflow.remove(other.idempotencyKey());
            if (!other.idempotencyKey().equals(key)) {
                remember(digested, other.idempotencyKey(), now);
                remember(delivered, other.idempotencyKey(), now);
            }
        }
        if (!decision.included.isEmpty()) {
            LOG.debug("Digest of {} notifications for target {} delivered", decision.included.size(), notification.target());
        }
    }

    private static Notification digest(Notification carrier, List<Notification> included) {
        Priority highest = Priority.LOW;
        StringBuilder message = new StringBuilder();
        int lines = 0;
        for (Notification n : included) {
            if (n.priority().isAtLeast(highest)) highest = n.priority();
            if (lines < MAX_DIGEST_LINES) {
                message.append("- [").append(n.priority()).append("] ").append(n.title()).append(" (ticket ").append(n.ticketId());
                n.linkUri().ifPresent(link -> message.append(", ").append(link));
                message.append(")\n");
                lines++;
            }
        }
        if (included.size() > MAX_DIGEST_LINES) message.append("... and ").append(included.size() - MAX_DIGEST_LINES).append(" more\n");
        String title = included.size() + " notifications for " + carrier.target();
        return new Notification(carrier.target(), title, message.toString().strip(), highest, List.of("digest"),
                null, carrier.ticketId(), "digest:" + carrier.idempotencyKey());
    }

    private void forgetOld(Instant now) {
        Duration keep = policy.dedupeWindow().isZero() ? Duration.ZERO : policy.dedupeWindow();
        expire(delivered, now.minus(keep));
        expire(digested, now.minus(DIGEST_MEMORY));
    }

    private static void expire(LinkedHashMap<String, Instant> map, Instant before) {
        Iterator<Map.Entry<String, Instant>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Instant> entry = it.next();
            if (entry.getValue().isAfter(before)) break;
            it.remove();
        }
    }

    private static void remember(LinkedHashMap<String, Instant> map, String key, Instant now) {
        map.remove(key);   // re-insert at the tail: insertion order stays time order
        map.put(key, now);
        if (map.size() > MAX_REMEMBERED_KEYS) {
            Iterator<String> oldest = map.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    @Override
    public String toString() {
        return "PolicyNotifier[" + delegate.name() + ", " + policy + "]";
    }

    /** Throttle and digest state of one target. */
    private static final class TargetState {
        final ArrayDeque<Instant> sent = new ArrayDeque<>();
        final LinkedHashMap<String, Notification> overflow = new LinkedHashMap<>();
        int reserved;
        boolean digestInFlight;

        void prune(Instant windowStart) {
            while (!sent.isEmpty() && !sent.peekFirst().isAfter(windowStart)) sent.pollFirst();
        }
    }

    /** What to do with one call: a result at once, or a notification to send (maybe a digest). */
    private static final class Decision {
        final @Nullable DeliveryResult result;
        final @Nullable Notification send;
        final List<Notification> included;
        final @Nullable TargetState target;

        private Decision(@Nullable DeliveryResult result, @Nullable Notification send, List<Notification> included, @Nullable TargetState target) {
            this.result = result;
            this.send = send;
            this.included = included;
            this.target = target;
        }

        static Decision done(DeliveryResult result) {
            return new Decision(result, null, List.of(), null);
        }

        static Decision send(Notification send, List<Notification> included, @Nullable TargetState target) {
            return new Decision(null, send, included, target);
        }
    }
}
