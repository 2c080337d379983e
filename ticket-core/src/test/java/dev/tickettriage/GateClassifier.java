package dev.tickettriage;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test classifier that implements only {@link #classify}: each call waits until {@link #open()} (optionally
 * ignoring interrupts), counts the calls in flight and their peak, and answers billing/NEGATIVE/HIGH. Tickets whose
 * text contains "pass" answer at once.
 */
final class GateClassifier implements Classifier {

    final AtomicInteger current = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    final List<Ticket> started = new CopyOnWriteArrayList<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final ClassifierLimits limits;
    private final boolean ignoreInterrupts;

    GateClassifier(ClassifierLimits limits, boolean ignoreInterrupts) {
        this.limits = limits;
        this.ignoreInterrupts = ignoreInterrupts;
    }

    static GateClassifier remote(int inFlight, int batch) {
        return new GateClassifier(ClassifierLimits.remote(inFlight, batch), false);
    }

    static Classification billing() {
        return Classification.builder().category(Category.of("billing")).sentimentFromScore(-0.3).priority(Priority.HIGH)
                .provenance(Provenance.of("gate", "support-default-1", Duration.ofMillis(1))).build();
    }

    void open() {
        gate.countDown();
    }

    @Override
    public ClassifierLimits limits() {
        return limits;
    }

    @Override
    public Classification classify(Ticket ticket, Taxonomy taxonomy) {
        calls.incrementAndGet();
        started.add(ticket);
        peak.accumulateAndGet(current.incrementAndGet(), Math::max);
        try {
            if (!ticket.text().contains("pass")) awaitGate();
            return billing();
        } finally {
            current.decrementAndGet();
        }
    }

    private void awaitGate() {
        while (true) {
            try {
                gate.await();
                return;
            } catch (InterruptedException e) {
                if (!ignoreInterrupts) {
                    Thread.currentThread().interrupt();
                    throw dev.tickettriage.error.ClassificationException.retryable("interrupted", e);
                }
            }
        }
    }

    @Override
    public Set<ClassificationField> capabilities() {
        return Set.of(ClassificationField.CATEGORY, ClassificationField.SENTIMENT, ClassificationField.PRIORITY);
    }

    @Override
    public String name() {
        return "gate";
    }
}
