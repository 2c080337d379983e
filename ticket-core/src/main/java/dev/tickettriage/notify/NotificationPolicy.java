package dev.tickettriage.notify;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.Notifier;
import dev.tickettriage.port.TicketRepository;
import dev.tickettriage.rules.RoutingRules;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Rules that decide when a notification goes out, shared by every notifier: dedupe by idempotency key, per-target
 * throttling with a digest for the overflow, quiet hours with a priority override, and silence for acknowledged
 * tickets. Apply it as a decorator with {@link #wrap(Notifier)}:
 *
 * <pre>{@code
 * NotificationPolicy policy = NotificationPolicy.builder()
 *         .dedupeWindow(Duration.ofMinutes(30))
 *         .throttle(5, Duration.ofMinutes(1))                  // at most 5 per target and minute, then one digest
 *         .quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("Europe/Madrid"))
 *         .skipAcknowledged(repository)
 *         .clock(clock)
 *         .build();
 * TicketTriage triage = TicketTriage.builder().notifier("support-alerts", policy.wrap(ntfy)) ... .build();
 * }</pre>
 *
 * <p><b>Never by failing.</b> Everything the policy holds back is returned as
 * {@link DeliveryResult#deferred(java.time.Instant, String)}, which the outbox dispatcher retries at that time without
 * spending an attempt; what it drops (a duplicate, a notification already sent inside a digest, one about an
 * acknowledged ticket) is reported {@link DeliveryResult#delivered() delivered}, so the outbox forgets it.
 *
 * <p><b>Order of checks</b> for each call: acknowledged ticket (dropped), duplicate key within the dedupe window
 * (dropped), already sent in a digest (dropped), the same key being delivered right now (waits for that delivery,
 * then is checked again), quiet hours (deferred to their end unless the priority is at least the override,
 * {@link Priority#URGENT} by default), throttle (deferred to when the window frees a slot).
 *
 * <p><b>Digest.</b> A notification deferred by the throttle joins its target's overflow. The next call for that
 * target that finds a free slot (usually the first deferred notification coming back) sends, in its place, one
 * digest: title {@code "N notifications for <target>"}, priority the highest held back, tags {@code digest}, a
 * message listing each held-back notification's priority, title, ticket id and link, and idempotency key
 * {@code "digest:" + the carrying notification's key}. When the others come back they are reported delivered. A
 * target's overflow keeps at most 1,000 notifications; more are deferred without joining it and go into a later
 * digest. A single held-back notification goes out as itself. During quiet hours a digest (carried by a notification
 * at or above the override) lists only the held-back notifications at or above the override; the others wait for
 * the end of quiet hours.
 *
 * <p><b>Concurrent delivery.</b> The outbox dispatcher delivers up to {@code DeliveryConfig.concurrency()}
 * notifications at once, so held-back notifications come back together. The decision to take a slot or send the
 * digest is atomic per target: exactly one call carries a target's digest at a time, and a call for the same target
 * (a notification folded into that digest, or a new one) waits for the digest's outcome instead of being deferred
 * again. Delivered: the folded ones are reported delivered, the new ones are decided afresh (usually throttled to the
 * next free slot). Not delivered (the wrapped notifier failed or deferred the digest): the carrier gets that result
 * and its outbox entry is retried, the waiting calls are deferred (to when the receiver asked to retry, else a second
 * later), and every folded notification stays in the overflow for the next digest, so none is lost. A waiting call
 * holds its delivery slot for as long as the digest takes; when the dispatcher gives up on it (interrupt), it is
 * deferred.
 *
 * <p><b>State</b> lives in memory, per {@link #wrap wrapped} notifier, bounded (dedupe keys: at most 100,000, oldest
 * evicted first; per target at most the throttle max of send times and 1,000 held back; a target with nothing held
 * back is forgotten once its window has passed) and lost on restart, which only costs a possible repeat (delivery
 * stays at least once). Several instances sharing an outbox each keep their own. The policy and the notifiers it
 * wraps are thread-safe; the time comes from the injected clock only.
 */
public final class NotificationPolicy {

    private final Duration dedupeWindow;
    private final int throttleMax;
    private final Duration throttleWindow;
    private final @Nullable QuietHours quietHours;
    private final Priority quietHoursOverride;
    private final @Nullable Predicate<TicketId> acknowledged;
    private final Clock clock;

    private NotificationPolicy(Builder builder) {
        this.dedupeWindow = builder.dedupeWindow;
        this.throttleMax = builder.throttleMax;
        this.throttleWindow = builder.throttleWindow;
        this.quietHours = builder.quietHours;
        this.quietHoursOverride = builder.quietHoursOverride;
        this.acknowledged = builder.acknowledged;
        this.clock = builder.clock;
    }

    /** A builder with every rule off: dedupe, throttle and quiet hours are opt-in. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A notifier that applies this policy in front of {@code notifier}, with its own state (dedupe keys, throttle
     * windows, digests). Wrap each notifier once and share the result. Its {@link Notifier#name()} is the delegate's.
     */
    public Notifier wrap(Notifier notifier) {
        return new PolicyNotifier(this, Objects.requireNonNull(notifier, "notifier"));
    }

    Duration dedupeWindow() {
        return dedupeWindow;
    }

    int throttleMax() {
        return throttleMax;
    }

    Duration throttleWindow() {
        return throttleWindow;
    }

    Optional<QuietHours> quietHours() {
        return Optional.ofNullable(quietHours);
    }

    Priority quietHoursOverride() {
        return quietHoursOverride;
    }

    boolean isAcknowledged(TicketId ticketId) {
        return acknowledged != null && acknowledged.test(ticketId);
    }

    Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "NotificationPolicy[dedupe=" + dedupeWindow + ", throttle=" + (throttleMax == 0 ? "off" : throttleMax + "/" + throttleWindow)
                + ", quietHours=" + (quietHours == null ? "off" : quietHours + " (override " + quietHoursOverride + ")")
                + ", skipAcknowledged=" + (acknowledged != null) + "]";
    }

    /**
     * Configures a {@link NotificationPolicy}. Not thread-safe. Defaults: no dedupe, no throttle, no quiet hours,
     * quiet-hours override {@link Priority#URGENT}, acknowledged tickets not checked, the system UTC clock.
     */
    public static final class Builder {
        private Duration dedupeWindow = Duration.ZERO;
        private int throttleMax;
        private Duration throttleWindow = Duration.ofMinutes(1);
        private @Nullable QuietHours quietHours;
        private Priority quietHoursOverride = Priority.URGENT;
        private @Nullable Predicate<TicketId> acknowledged;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Drops a notification whose idempotency key was delivered less than {@code window} ago (zero, the default,
         * turns dedupe off).
         *
         * @throws IllegalArgumentException when window is negative
         */
        public Builder dedupeWindow(Duration window) {
            Objects.requireNonNull(window, "window");
            if (window.isNegative()) throw new IllegalArgumentException("window must not be negative, was " + window);
            this.dedupeWindow = window;
            return this;
        }

        /** At most {@code maxPerMinute} notifications per target and minute; the overflow becomes one digest. */
        public Builder throttlePerMinute(int maxPerMinute) {
            return throttle(maxPerMinute, Duration.ofMinutes(1));
        }

        /**
         * At most {@code max} notifications per target within any sliding {@code window}; the overflow is deferred and
         * sent as one digest when a slot frees. {@code max} 0 turns throttling off (the default).
         *
         * @throws IllegalArgumentException when max is negative or window is not positive
         */
        public Builder throttle(int max, Duration window) {
            Objects.requireNonNull(window, "window");
            if (max < 0) throw new IllegalArgumentException("max must be >= 0, was " + max);
            if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive, was " + window);
            this.throttleMax = max;
            this.throttleWindow = window;
            return this;
        }

        /**
         * A daily quiet window from {@code start} (inclusive) to {@code end} (exclusive) in {@code zone}; it spans
         * midnight when {@code start} is after {@code end} (22:00-07:00). Notifications below the override priority
         * are deferred to the window's end.
         *
         * @throws IllegalArgumentException when start equals end
         */
        public Builder quietHours(LocalTime start, LocalTime end, ZoneId zone) {
            this.quietHours = new QuietHours(start, end, zone);
            return this;
        }

        /** The lowest priority that still goes out during quiet hours (default {@link Priority#URGENT}). */
        public Builder quietHoursOverride(Priority minimum) {
            this.quietHoursOverride = Objects.requireNonNull(minimum, "minimum");
            return this;
        }

        /**
         * Drops notifications about tickets {@code acknowledged} says are acknowledged (reported delivered). The
         * predicate runs on the delivery thread for each notification; a predicate that throws fails that attempt
         * (retryable).
         */
        public Builder skipWhen(Predicate<TicketId> acknowledged) {
            this.acknowledged = Objects.requireNonNull(acknowledged, "acknowledged");
            return this;
        }

        /**
         * Drops notifications about tickets that carry the {@link RoutingRules#ACKNOWLEDGED_TAG} tag in
         * {@code repository} (set by {@code TicketTriage.acknowledge}); one {@code findById} per notification.
         */
        public Builder skipAcknowledged(TicketRepository repository) {
            Objects.requireNonNull(repository, "repository");
            return skipWhen(id -> repository.findById(id).map(ticket -> ticket.tags().contains(RoutingRules.ACKNOWLEDGED_TAG))
                    .orElse(false));
        }

        /** The clock for windows and quiet hours (default the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the policy. */
        public NotificationPolicy build() {
            return new NotificationPolicy(this);
        }
    }
}
