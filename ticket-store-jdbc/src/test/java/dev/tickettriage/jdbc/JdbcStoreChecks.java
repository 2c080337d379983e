package dev.tickettriage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Customer;
import dev.tickettriage.domain.IdempotencyKey;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.error.StaleTicketException;
import dev.tickettriage.jdbc.internal.Migrator;
import dev.tickettriage.jdbc.internal.SqlDialect;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.testkit.MutableClock;
import dev.tickettriage.testkit.TicketFixtures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks of the JDBC store beyond the testkit contract, run on each database by a subclass: migrations, claims by
 * 4 workers on separate connections, and hostile text.
 */
abstract class JdbcStoreChecks {

    final MutableClock clock = MutableClock.start();

    abstract TestDatabase database();

    private JdbcTicketRepository repository() {
        return JdbcContractSupport.fresh(database(), clock);
    }

    private static String freshPrefix() {
        return "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    }

    private int versionRows(String prefix) throws Exception {
        try (Connection connection = database().dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + prefix + "schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    // ---- migrations ----

    @Test
    void should_apply_nothing_when_migrating_twice() throws Exception {
        String prefix = freshPrefix();
        Migrator migrator = new Migrator(database().dataSource(), SqlDialect.of(database().kind()), prefix, clock);

        assertThat(migrator.migrate()).isEqualTo(Migrator.SCRIPTS.size());
        assertThat(migrator.migrate()).isZero();

        assertThat(versionRows(prefix)).isEqualTo(Migrator.SCRIPTS.size());
        JdbcTicketRepository repository = JdbcTicketRepository.builder(database().dataSource()).tablePrefix(prefix).clock(clock).build();
        Ticket stored = repository.insert(TicketFixtures.aTicket().createdAt(clock.instant()).build());
        assertThat(repository.findById(stored.id())).contains(stored);
    }

    @Test
    void should_fill_field_rows_and_customer_keys_of_tickets_stored_before_schema_version_2() throws Exception {
        String prefix = freshPrefix();
        SqlDialect dialect = SqlDialect.of(database().kind());
        assertThat(new Migrator(database().dataSource(), dialect, prefix, clock).migrateTo(1)).isEqualTo(1);
        Ticket old = TicketFixtures.aTicket().createdAt(clock.instant()).withCustomer(new Customer("Ana", "Ana@Example.com", "crm-7"))
                .withField("plan", dev.tickettriage.domain.FieldValue.choice("enterprise")).build().toBuilder().version(1).build();
        String doc = new dev.tickettriage.jdbc.internal.TicketCodec(new com.fasterxml.jackson.databind.ObjectMapper(),
                new dev.tickettriage.jdbc.internal.TextGuard(dialect.storesNul())).encode(old);
        try (Connection connection = database().dataSource().getConnection();
             java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO " + prefix + "tickets (id, created_at,"
                     + " updated_at, version, status, processing_state, attempts, category, body_lc, doc) VALUES (?, ?, ?, 1, 'OPEN',"
                     + " 'PROCESSED', 0, ?, 'x', " + dialect.jsonParameter() + ")")) {
            dialect.bindUuid(insert, 1, old.id().value());
            dialect.bindInstant(insert, 2, old.createdAt());
            dialect.bindInstant(insert, 3, old.updatedAt());
            insert.setString(4, old.classification().orElseThrow().category().id());
            insert.setString(5, doc);
            insert.executeUpdate();
        }

        JdbcTicketRepository upgraded = JdbcTicketRepository.builder(database().dataSource()).tablePrefix(prefix).clock(clock)
                .migrate(true).build();

        assertThat(versionRows(prefix)).isEqualTo(Migrator.SCRIPTS.size());
        assertThat(upgraded.query(TicketQuery.builder().fieldEquals("plan", "enterprise").build()).items()).extracting(Ticket::id)
                .containsExactly(old.id());
        assertThat(upgraded.eraseCustomer(dev.tickettriage.port.CustomerKey.email("ana@example.com"), "dpo").tickets()).isEqualTo(1);
    }

    @Test
    void should_create_the_schema_once_when_two_instances_start_at_the_same_time() throws Exception {
        String prefix = freshPrefix();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JdbcTicketRepository>> builds = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                builds.add(pool.submit(() -> {
                    start.await();
                    return JdbcTicketRepository.builder(database().dataSource()).tablePrefix(prefix).clock(clock).migrate(true).build();
                }));
            }
            start.countDown();
            List<JdbcTicketRepository> repositories = new ArrayList<>();
            for (Future<JdbcTicketRepository> build : builds) repositories.add(build.get(60, TimeUnit.SECONDS));

            assertThat(versionRows(prefix)).isEqualTo(Migrator.SCRIPTS.size());
            Ticket stored = repositories.get(0).insert(TicketFixtures.aTicket().createdAt(clock.instant()).build());
            assertThat(repositories.get(1).findById(stored.id())).contains(stored);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- concurrency ----

    @Test
    void should_complete_each_ticket_exactly_once_when_4_workers_claim_2000_tickets() throws Exception {
        JdbcTicketRepository repository = repository();
        Set<TicketId> all = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 2_000; i++) all.add(repository.insert(TicketFixtures.aTicket().createdAt(clock.instant()).build()).id());
        Map<TicketId, AtomicInteger> completions = new ConcurrentHashMap<>();
        Set<TicketId> held = ConcurrentHashMap.newKeySet();
        List<TicketId> doubleClaims = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger stale = new AtomicInteger();

        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String owner = "worker-" + w;
                running.add(workers.submit(() -> {
                    start.await();
                    List<Ticket> batch;
                    while (!(batch = repository.claim(owner, 25, Duration.ofMinutes(10))).isEmpty()) {
                        for (Ticket ticket : batch) {
                            if (!held.add(ticket.id())) doubleClaims.add(ticket.id());   // another live worker holds it
                        }
                        for (Ticket ticket : batch) {
                            try {
                                repository.update(ticket.toBuilder().processing(ticket.processing().processed()).build());
                                completions.computeIfAbsent(ticket.id(), id -> new AtomicInteger()).incrementAndGet();
                            } catch (StaleTicketException e) {
                                stale.incrementAndGet();
                            } finally {
                                held.remove(ticket.id());
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : running) worker.get(120, TimeUnit.SECONDS);
        } finally {
            workers.shutdownNow();
        }

        assertThat(doubleClaims).isEmpty();
        assertThat(stale).hasValue(0);
        assertThat(completions.keySet()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(completions.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        assertThat(repository.stats(TicketQuery.all()).count(ProcessingState.PROCESSED)).isEqualTo(2_000);
    }

    // ---- hostile input ----

    @ParameterizedTest
    @ValueSource(strings = {"'; DROP TABLE triage_tickets; --", "\" OR 1=1 --", "x' OR '1'='1", "%", "_", "!", "\\", "\\'",
            "مرحبا بالعالم 👋🏽 שלום", "\u202Eevil\u202C", "👨‍👩‍👧‍👦 🇪🇸 ✓", "tab\tnew\nline\rcr"})
    void should_store_and_find_text_byte_exact_when_it_is_hostile(String hostile) {
        JdbcTicketRepository repository = repository();
        Ticket ticket = TicketFixtures.aTicket().createdAt(clock.instant()).withSubject(hostile).withBody("body " + hostile + " end")
                .withAssignee(hostile).withTags(hostile, "plain").withAttribute(hostile, hostile)
                .withCustomer(new Customer(hostile, hostile, hostile))
                .classifiedAs("cat " + hostile.strip().replaceAll("\\p{Cntrl}", ""), Sentiment.NEGATIVE, Priority.HIGH)
                .withField("note", dev.tickettriage.domain.FieldValue.text(hostile)).build();
        Ticket other = TicketFixtures.aTicket().createdAt(clock.instant()).withBody("an ordinary ticket").withAssignee("bob").build();

        Ticket stored = repository.insert(ticket);
        repository.insert(other);

        Ticket found = repository.findById(stored.id()).orElseThrow();
        assertThat(found).isEqualTo(stored);
        assertThat(found.body()).isEqualTo(ticket.body());
        assertThat(repository.query(TicketQuery.builder().assignee(hostile).build()).items()).extracting(Ticket::id)
                .containsExactly(stored.id());
        assertThat(repository.query(TicketQuery.builder().textContains(hostile).build()).items()).extracting(Ticket::id)
                .containsExactly(stored.id());
        Category category = stored.classification().orElseThrow().category();
        assertThat(repository.query(TicketQuery.builder().category(category).build()).items()).extracting(Ticket::id)
                .containsExactly(stored.id());
        assertThat(repository.query(TicketQuery.builder().fieldEquals("note", hostile).build()).items()).extracting(Ticket::id)
                .containsExactly(stored.id());
        assertThat(repository.fieldStats(TicketQuery.builder().fieldEquals("note", hostile).build(), "note").filled()).isEqualTo(1);
        assertThat(repository.query(TicketQuery.all()).items()).hasSize(2);
        assertThat(repository.eraseCustomer(dev.tickettriage.port.CustomerKey.externalId(hostile), "dpo").tickets()).isEqualTo(1);
        assertThat(repository.eraseCustomer(dev.tickettriage.port.CustomerKey.email(hostile), "dpo").tickets()).isZero();
        assertThat(repository.query(TicketQuery.all()).items()).extracting(Ticket::id).containsExactly(other.id());
    }

    @Test
    void should_treat_like_wildcards_literally_when_filtering_by_text() {
        JdbcTicketRepository repository = repository();
        Ticket percent = repository.insert(TicketFixtures.aTicket().createdAt(clock.instant()).withBody("100% refund please").build());
        repository.insert(TicketFixtures.aTicket().createdAt(clock.instant()).withBody("100 refund please").build());

        assertThat(repository.query(TicketQuery.builder().textContains("0% r").build()).items()).extracting(Ticket::id)
                .containsExactly(percent.id());
        assertThat(repository.query(TicketQuery.builder().textContains("1_0").build()).items()).isEmpty();
    }

    @Test
    void should_store_a_1_mb_body_byte_exact() {
        JdbcTicketRepository repository = repository();
        StringBuilder body = new StringBuilder();
        while (body.length() < 1_000_000) body.append("Línea 😡 ünïcödé ").append(body.length()).append('\n');
        Ticket stored = repository.insert(TicketFixtures.aTicket().createdAt(clock.instant()).withBody(body.toString()).build());

        assertThat(repository.findById(stored.id()).orElseThrow().body()).isEqualTo(body.toString());
    }

    @Test
    void should_store_nul_characters_or_reject_them_with_a_typed_error() {
        JdbcTicketRepository repository = repository();
        Ticket ticket = TicketFixtures.aTicket().createdAt(clock.instant()).withSubject("nul\u0000subject").withBody("a\u0000b")
                .withAssignee("agent\u0000x").build();

        if (SqlDialect.of(database().kind()).storesNul()) {
            Ticket stored = repository.insert(ticket);
            assertThat(repository.findById(stored.id()).orElseThrow()).isEqualTo(stored);
            assertThat(repository.query(TicketQuery.builder().assignee("agent\u0000x").build()).items()).hasSize(1);
            assertThat(repository.query(TicketQuery.builder().textContains("a\u0000b").build()).items()).hasSize(1);
            assertThat(repository.query(TicketQuery.builder().fieldEquals("note", "x\u0000y").build()).items()).isEmpty();
            assertThat(repository.eraseCustomer(dev.tickettriage.port.CustomerKey.email("a\u0000@example.com"), "dpo").tickets()).isZero();
        } else {
            assertThatThrownBy(() -> repository.insert(ticket)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
                assertThat(e.field()).isEqualTo("subject");
                assertThat(e).hasMessageNotContaining("nul\u0000subject");
            });
            assertThat(repository.findById(ticket.id())).isEmpty();
            assertThatThrownBy(() -> repository.query(TicketQuery.builder().assignee("agent\u0000x").build()))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> repository.query(TicketQuery.builder().fieldEquals("note", "x\u0000y").build()))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> repository.eraseCustomer(dev.tickettriage.port.CustomerKey.email("a\u0000@example.com"), "dpo"))
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void should_reject_unpaired_surrogates_with_a_typed_error_and_store_nothing() {
        JdbcTicketRepository repository = repository();
        Ticket ticket = TicketFixtures.aTicket().createdAt(clock.instant()).withBody("broken \uD83D text").build();

        assertThatThrownBy(() -> repository.insert(ticket))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("body"));
        assertThat(repository.findById(ticket.id())).isEmpty();
        assertThat(repository.insert(TicketFixtures.aTicket().createdAt(clock.instant()).build(), IdempotencyKey.of("key")).created())
                .as("the repository still works").isTrue();
    }
}
