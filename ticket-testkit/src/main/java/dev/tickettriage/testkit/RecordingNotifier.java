package dev.tickettriage.testkit;

import static org.awaitility.Awaitility.await;

import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.Notifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A {@link Notifier} that keeps what it delivers in memory, for tests.
 *
 * <p>Every call returns {@link DeliveryResult#delivered()} and records the notification, unless failures or
 * deferrals were scripted with {@link #failNext(int, DeliveryResult)} or {@link #deferNext(int, Instant)}: those
 * calls return the scripted result and record nothing. Repeats of an idempotency key are recorded too (not dropped), so {@link #duplicateKeys()} can show
 * a dispatcher that delivered twice. Thread-safe.
 */
public final class RecordingNotifier implements Notifier {

    private final String name;
    private final List<Notification> delivered = new ArrayList<>();
    private final ConcurrentHashMap<String, AtomicInteger> keyCounts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<DeliveryResult> scriptedResults = new ConcurrentLinkedQueue<>();
    private final AtomicLong attempts = new AtomicLong();

    /** A recording notifier named {@code recording}. */
    public RecordingNotifier() {
        this("recording");
    }

    /** A recording notifier with its own {@link #name()}, for hosts with several targets. */
    public RecordingNotifier(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("name must not be blank");
        this.name = name;
    }

    @Override
    public DeliveryResult deliver(Notification notification) {
        Objects.requireNonNull(notification, "notification");
        attempts.incrementAndGet();
        DeliveryResult scripted = scriptedResults.poll();
        if (scripted != null) return scripted;
        synchronized (delivered) {
            delivered.add(notification);
            keyCounts.computeIfAbsent(notification.idempotencyKey(), key -> new AtomicInteger()).incrementAndGet();
        }
        return DeliveryResult.delivered();
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The next {@code times} calls return {@code failure} (a failure or a deferral) instead of delivering (queued
     * after results scripted earlier).
     *
     * @throws IllegalArgumentException when times is negative or failure is a success
     */
    public RecordingNotifier failNext(int times, DeliveryResult failure) {
        Objects.requireNonNull(failure, "failure");
        if (times < 0) throw new IllegalArgumentException("times must be >= 0, was " + times);
        if (failure.isDelivered()) throw new IllegalArgumentException("failure must not be a successful delivery");
        for (int i = 0; i < times; i++) scriptedResults.add(failure);
        return this;
    }

    /** The next {@code times} calls return a retryable failure with no retry delay. */
    public RecordingNotifier failNextRetryable(int times) {
        return failNext(times, DeliveryResult.retryable("scripted retryable failure", null));
    }

    /** The next {@code times} calls return a permanent failure. */
    public RecordingNotifier failNextPermanently(int times) {
        return failNext(times, DeliveryResult.permanent("scripted permanent failure"));
    }

    /**
     * The next {@code times} calls defer the notification to {@code until} (quiet hours, a throttle window) instead
     * of delivering.
     *
     * @throws IllegalArgumentException when times is negative
     */
    public RecordingNotifier deferNext(int times, Instant until) {
        return failNext(times, DeliveryResult.deferred(Objects.requireNonNull(until, "until"), "scripted deferral"));
    }

    /** Everything delivered so far, in delivery order, repeats included. */
    public List<Notification> notifications() {
        synchronized (delivered) {
            return List.copyOf(delivered);
        }
    }

    /** The delivered notifications for one target, in delivery order. */
    public List<Notification> notificationsTo(String target) {
        Objects.requireNonNull(target, "target");
        return notifications().stream().filter(n -> n.target().equals(target)).collect(Collectors.toUnmodifiableList());
    }

    /** How many notifications were delivered, repeats included. */
    public int count() {
        synchronized (delivered) {
            return delivered.size();
        }
    }

    /** Calls to {@link #deliver}, scripted failures included. */
    public long attempts() {
        return attempts.get();
    }

    /** Idempotency keys delivered more than once, in first-delivery order. */
    public Set<String> duplicateKeys() {
        Set<String> duplicates = new LinkedHashSet<>();
        for (Notification notification : notifications()) {
            AtomicInteger count = keyCounts.get(notification.idempotencyKey());
            if (count != null && count.get() > 1) duplicates.add(notification.idempotencyKey());
        }
        return Collections.unmodifiableSet(duplicates);
    }

    /**
     * Waits until at least {@code n} notifications were delivered and returns them all.
     *
     * @throws org.awaitility.core.ConditionTimeoutException when fewer arrived within {@code timeout}
     */
    public List<Notification> awaitCount(int n, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        await().atMost(timeout).pollInterval(Duration.ofMillis(10)).until(() -> count() >= n);
        return notifications();
    }

    /** Forgets deliveries, counts and scripted failures. */
    public void clear() {
        synchronized (delivered) {
            delivered.clear();
            keyCounts.clear();
        }
        scriptedResults.clear();
        attempts.set(0);
    }

    @Override
    public String toString() {
        return "RecordingNotifier[name=" + name + ", delivered=" + count() + "]";
    }
}
