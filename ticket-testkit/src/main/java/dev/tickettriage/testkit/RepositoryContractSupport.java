package dev.tickettriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.NotificationOutbox;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.port.TicketRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Hooks and helpers shared by the parts of {@link TicketRepositoryContract}; not API. */
abstract class RepositoryContractSupport {

    /** The clock the repository under test reads; tests move it. */
    protected final MutableClock clock = MutableClock.start();

    /** A fresh, empty repository for the current test. */
    protected TicketRepository repository;

    protected abstract TicketRepository newRepository(Clock clock);

    protected NotificationOutbox outboxOf(TicketRepository repo) {
        return repo.outbox();
    }

    @BeforeEach
    final void createRepository() {
        repository = newRepository(clock);
    }

    @AfterEach
    final void closeRepository() throws Exception {
        if (repository instanceof AutoCloseable) ((AutoCloseable) repository).close();
    }

    final NotificationOutbox outbox() {
        return outboxOf(repository);
    }

    /** Inserts the built ticket created at the clock's now and returns the stored one. */
    final Ticket store(TicketFixtures.TicketBuilder builder) {
        return repository.insert(builder.createdAt(clock.instant()).build());
    }

    /** Inserts a default ticket created at the clock's now. */
    final Ticket store() {
        return store(TicketFixtures.aTicket());
    }

    /** Inserts {@code count} tickets one second apart (the clock moves); returns them oldest first. */
    final List<Ticket> storeSeries(int count) {
        List<Ticket> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stored.add(store(TicketFixtures.aTicket().withBody("Series ticket number " + i)));
            clock.advance(Duration.ofSeconds(1));
        }
        return stored;
    }

    static List<TicketId> ids(List<Ticket> tickets) {
        List<TicketId> ids = new ArrayList<>();
        tickets.forEach(ticket -> ids.add(ticket.id()));
        return ids;
    }

    final Notification notificationFor(Ticket ticket, String key) {
        return new Notification("support-alerts", "Ticket needs attention", "Ticket " + ticket.id() + " was routed",
                Priority.HIGH, List.of("triage"), null, ticket.id(), key);
    }

    final AuditEntry audit(Ticket ticket, String action) {
        return new AuditEntry(ticket.id(), clock.instant(), "contract-test", action, "detail of " + action);
    }

    /** Stores an update of {@code ticket} (unchanged fields) carrying these notifications. */
    final Ticket updateWith(Ticket ticket, List<Notification> notifications) {
        return repository.update(new TicketChange(ticket, notifications, List.of()));
    }

    /** Asserts equal content, ignoring version and updatedAt, with tag order and decimal values compared exactly. */
    static void assertSameContent(Ticket actual, Ticket expected) {
        assertThat(actual).usingRecursiveComparison()
                .ignoringFields("version", "updatedAt")
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(expected);
        assertThat(actual.tags()).containsExactlyElementsOf(expected.tags());
    }

    /** Runs {@code task} on {@code threads} threads released at the same moment; returns their results. */
    static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) results.add(future.get(60, TimeUnit.SECONDS));
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
