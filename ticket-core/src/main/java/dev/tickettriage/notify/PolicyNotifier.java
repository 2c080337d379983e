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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier {@link NotificationPolicy#wrap} returns. All state is under one lock and the delegate is called
 * outside it. Every decision that takes a throttle slot or folds the overflow into a digest is made under the lock,
 * and each key being sent (on its own or inside a digest) is mapped to that {@link Send}: a call for a key already
 * in flight, or for a target whose digest is in flight, waits for that send's outcome and then decides again, so
 * exactly one call carries a target's digest and the notifications folded into it complete as delivered instead
 * of being deferred again.
 */
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
    /** Key -> the send carrying it now: its own, or the digest it is folded into. */
    private final Map<String, Send> inFlight = new HashMap<>();
    private final Map<String, TargetState> targets = new HashMap<>();
    private Instant nextSweep = Instant.MIN;

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
            decision = decide(notification);
        }
        Send send = decision.send;
        if (send == null) return Objects.requireNonNull(decision.result);
        DeliveryResult result = null;
        try {
            result = delegate.deliver(send.message);
            return result;
        } finally {
            synchronized (lock) {
                record(send, result, policy.clock().instant());
                lock.notifyAll();
            }
        }
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** Targets with throttle state held (for tests: idle ones are forgotten after a window). */
    int trackedTargets() {
        synchronized (lock) {
            return targets.size();
        }
    }

    /** Runs under the lock; may wait on it (releasing it) for a send in flight, then decides again. */
    private Decision decide(Notification notification) {
        String key = notification.idempotencyKey();
        while (true) {
            Instant now = policy.clock().instant();
            forgetOld(now);
            if (!policy.dedupeWindow().isZero() && delivered.containsKey(key)) {
                digested.remove(key);
                LOG.debug("Notification {} dropped: delivered within the dedupe window", key);
                return Decision.done(DeliveryResult.delivered());
            }
            if (digested.remove(key) != null) {
                LOG.debug("Notification {} dropped: it went out in a digest", key);
                return Decision.done(DeliveryResult.delivered());
            }
            Send same = inFlight.get(key);
            if (same != null) {
                // the same key is being sent, on its own or inside a digest: its outcome decides this one
                Optional<DeliveryResult> failed = awaitOutcome(same, key);
                if (failed.isPresent()) return Decision.done(failed.get());
                continue;
            }
            Optional<Instant> quietUntil = policy.quietHours().flatMap(quiet -> quiet.endOfQuietAt(now));
            if (quietUntil.isPresent() && !notification.priority().isAtLeast(policy.quietHoursOverride())) {
                return Decision.done(DeliveryResult.deferred(quietUntil.get(), "quiet hours"));
            }
            if (policy.throttleMax() == 0) return Decision.send(start(new Send(notification, notification, List.of(notification), null)));
            TargetState target = targets.computeIfAbsent(notification.target(), name -> new TargetState());
            target.prune(now.minus(policy.throttleWindow()));
            Send digestInFlight = target.digest;
            if (digestInFlight != null) {
                // one digest per target at a time: what arrives meanwhile is decided once its outcome is known
                Optional<DeliveryResult> failed = awaitOutcome(digestInFlight, key);
                if (failed.isPresent()) return Decision.done(failed.get());
                continue;
            }
            if (target.sent.size() + target.reserved >= policy.throttleMax()) {
                if (target.overflow.size() < MAX_OVERFLOW || target.overflow.containsKey(key)) target.overflow.put(key, notification);
                return Decision.done(DeliveryResult.deferred(target.nextFreeSlot(policy.throttleMax(), policy.throttleWindow(), now),
                        "throttled: at most " + policy.throttleMax() + " per " + policy.throttleWindow() + " for this target; goes out in a digest"));
            }
            target.overflow.remove(key);
            List<Notification> included = new ArrayList<>();
            included.add(notification);
            for (Notification held : target.overflow.values()) {
                // in quiet hours only what may ring then joins the digest; the rest waits for their end
                boolean allowedNow = quietUntil.isEmpty() || held.priority().isAtLeast(policy.quietHoursOverride());
                if (allowedNow && !inFlight.containsKey(held.idempotencyKey())) included.add(held);
            }
            target.reserved++;
            if (included.size() == 1) return Decision.send(start(new Send(notification, notification, included, target)));
            Send digest = start(new Send(notification, digest(notification, included), included, target));
            target.digest = digest;
            return Decision.send(digest);
        }
    }

    private Send start(Send send) {
        for (Notification included : send.included) inFlight.put(included.idempotencyKey(), send);
        return send;
    }

    /**
     * Waits (under the lock, releasing it) until {@code send} has an outcome. Empty when it was delivered (the caller
     * decides again); otherwise the deferral to return: the notification is held back, never failed, for the send that
     * failed owns the failure and the outbox retries it.
     */
    private Optional<DeliveryResult> awaitOutcome(Send send, String key) {
        while (!send.done) {
            try {
                lock.wait();
            } catch (InterruptedException e) {   // the dispatcher gave up on this call (timeout, deadline, close)
                Thread.currentThread().interrupt();
                return Optional.of(DeliveryResult.deferred(policy.clock().instant().plus(BUSY_RETRY),
                        "interrupted while waiting for the delivery in flight for this target"));
            }
        }
        if (send.delivered) return Optional.empty();
        LOG.debug("Notification {} deferred: the {} it waited for was not delivered", key, send.isDigest() ? "digest" : "delivery");
        String reason;
        if (send.carrier.idempotencyKey().equals(key)) reason = "the same notification was being delivered and was not";
        else if (send.includes(key)) reason = "the digest it was part of was not delivered; it goes out in a later digest";
        else reason = "a digest for this target was not delivered; throttled until it is";
        return Optional.of(DeliveryResult.deferred(send.retryAt, reason));
    }

    private void record(Send send, @Nullable DeliveryResult result, Instant now) {
        boolean ok = result != null && result.isDelivered();
        for (Notification included : send.included) inFlight.remove(included.idempotencyKey(), send);
        TargetState target = send.target;
        if (target != null) {
            target.reserved--;
            if (target.digest == send) target.digest = null;
            if (ok) target.sent.addLast(now);
        }
        String key = send.carrier.idempotencyKey();
        if (ok) {
            remember(delivered, key, now);
            for (Notification other : send.included) {
                if (target != null) target.overflow.remove(other.idempotencyKey());
                if (!other.idempotencyKey().equals(key)) {
                    remember(digested, other.idempotencyKey(), now);
                    remember(delivered, other.idempotencyKey(), now);
                }
            }
            if (send.isDigest()) {
                LOG.debug("Digest of {} notifications for target {} delivered", send.included.size(), send.carrier.target());
            }
        } else if (target != null && send.isDigest() && (target.overflow.size() < MAX_OVERFLOW || target.overflow.containsKey(key))) {
            // the folded ones never left the overflow; the carrier joins them, so the next digest lists it too
            target.overflow.put(key, send.carrier);
        }
        send.complete(ok, retryAt(result, now));
    }

    /** When the calls that waited for a failed send may try again: as the receiver asked, else shortly. */
    private static Instant retryAt(@Nullable DeliveryResult result, Instant now) {
        Instant soon = now.plus(BUSY_RETRY);
        if (result == null) return soon;
        Instant asked = result.deferredUntil().orElseGet(() -> result.retryDelay().map(now::plus).orElse(soon));
        return asked.isAfter(soon) ? asked : soon;
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
        if (policy.throttleMax() > 0 && !now.isBefore(nextSweep)) {
            // targets are host-chosen names: forget the idle ones so the state stays bounded by the busy ones
            Instant windowStart = now.minus(policy.throttleWindow());
            targets.values().removeIf(target -> target.prune(windowStart).isIdle());
            nextSweep = now.plus(policy.throttleWindow());
        }
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

    /** Throttle and digest state of one target; at most {@code max} send times and {@link #MAX_OVERFLOW} held back. */
    private static final class TargetState {
        /** When each send in the window was delivered, oldest first; with {@link #reserved}, at most the throttle max. */
        final ArrayDeque<Instant> sent = new ArrayDeque<>();
        final LinkedHashMap<String, Notification> overflow = new LinkedHashMap<>();
        /** Sends in flight that hold a slot. */
        int reserved;
        /** The digest in flight, if any: one per target at a time. */
        @Nullable Send digest;

        TargetState prune(Instant windowStart) {
            while (!sent.isEmpty() && !sent.peekFirst().isAfter(windowStart)) sent.pollFirst();
            return this;
        }

        boolean isIdle() {
            return sent.isEmpty() && reserved == 0 && overflow.isEmpty() && digest == null;
        }

        /**
         * When a slot frees: when enough sends leave the window, or, when it takes a send still in flight, a window
         * from now (it is stamped when it returns; should it fail, its retry carries the overflow sooner).
         */
        Instant nextFreeSlot(int max, Duration window, Instant now) {
            int mustLeave = sent.size() + reserved - max + 1;
            if (mustLeave < 1 || mustLeave > sent.size()) return now.plus(window);
            Iterator<Instant> oldest = sent.iterator();
            Instant leaving = oldest.next();
            for (int i = 1; i < mustLeave; i++) leaving = oldest.next();
            return leaving.plus(window);
        }
    }

    /** One call to the delegate: a notification on its own, or a digest carrying the target's overflow. */
    private static final class Send {
        final Notification carrier;
        final Notification message;
        /** The notifications it delivers: the carrier, then (for a digest) the folded ones. */
        final List<Notification> included;
        final @Nullable TargetState target;
        boolean done;
        boolean delivered;
        Instant retryAt = Instant.MIN;

        Send(Notification carrier, Notification message, List<Notification> included, @Nullable TargetState target) {
            this.carrier = carrier;
            this.message = message;
            this.included = List.copyOf(included);
            this.target = target;
        }

        boolean isDigest() {
            return included.size() > 1;
        }

        boolean includes(String key) {
            for (Notification notification : included) {
                if (notification.idempotencyKey().equals(key)) return true;
            }
            return false;
        }

        void complete(boolean ok, Instant failedRetryAt) {
            done = true;
            delivered = ok;
            retryAt = failedRetryAt;
        }
    }

    /** What to do with one call: a result at once, or a send to make. */
    private static final class Decision {
        final @Nullable DeliveryResult result;
        final @Nullable Send send;

        private Decision(@Nullable DeliveryResult result, @Nullable Send send) {
            this.result = result;
            this.send = send;
        }

        static Decision done(DeliveryResult result) {
            return new Decision(result, null);
        }

        static Decision send(Send send) {
            return new Decision(null, send);
        }
    }
}
