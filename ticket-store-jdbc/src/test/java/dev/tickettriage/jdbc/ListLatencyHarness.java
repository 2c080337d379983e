package dev.tickettriage.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.jdbc.internal.SqlDialect;
import dev.tickettriage.jdbc.internal.TextGuard;
import dev.tickettriage.jdbc.internal.TicketCodec;
import dev.tickettriage.port.Page;
import dev.tickettriage.port.PageCursor;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.testkit.TicketFixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Filtered, paginated list latency on a large table (PostgreSQL): bulk-loads N tickets server-side
 * ({@code INSERT ... SELECT FROM generate_series}, then {@code VACUUM (ANALYZE)}, documents derived from one ticket encoded by the store's codec, so
 * every row decodes), then times {@code query} for several filter/sort combinations, first pages and pages after a
 * random cursor, and prints p50/p95/max. Not a unit test; run it as BENCHMARKS.md shows:
 * {@code ListLatencyHarness [rows=1000000] [requests-per-combination=200] [keep]} (keep: leave the table for reruns,
 * prefix {@code list1m_}).
 */
public final class ListLatencyHarness {

    private static final String[] CATEGORIES = {"billing", "refund", "shipping", "account", "technical", "cancellation",
            "product_question", "complaint", "feedback", "order_status", "payment_failed", "card_arrival", "fraud",
            "password_reset", "delivery_damaged", "warranty", "other"};

    private ListLatencyHarness() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        boolean keep = args.length > 2 && args[2].equals("keep");
        String prefix = keep ? "list1m_" : "list" + Long.toHexString(System.nanoTime() & 0xffffff) + "_";
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        Duration span = Duration.ofDays(365);
        try (HikariDataSource pool = HarnessDatabases.pool("postgresql", "", 4)) {
            JdbcTicketRepository repository = JdbcTicketRepository.builder(pool).tablePrefix(prefix).migrate(true).build();
            long existing = repository.stats(TicketQuery.all()).total();
            if (existing < rows) {
                long loadStart = System.nanoTime();
                load(pool, repository, prefix, rows, start, span);
                System.out.printf("loaded %d rows in %.1f s (server-side INSERT ... SELECT, then VACUUM (ANALYZE))%n", rows,
                        (System.nanoTime() - loadStart) / 1e9);
            }
            Map<String, Supplier<TicketQuery.Builder>> combinations = new LinkedHashMap<>();
            combinations.put("all, newest first", () -> TicketQuery.builder().newestFirst());
            combinations.put("all, oldest first", TicketQuery::builder);
            combinations.put("status OPEN, newest first", () -> TicketQuery.builder().status(SupportStatus.OPEN).newestFirst());
            combinations.put("category fraud (~1%), newest first", () -> TicketQuery.builder().category(Category.of("fraud")).newestFirst());
            combinations.put("category billing + sentiment NEGATIVE + priority HIGH", () -> TicketQuery.builder()
                    .category(Category.of("billing")).sentiment(Sentiment.NEGATIVE).priority(Priority.HIGH).newestFirst());
            combinations.put("processing FAILED (~0.5%), newest first", () -> TicketQuery.builder()
                    .processingState(ProcessingState.FAILED).newestFirst());
            combinations.put("processing NEW or PROCESSING (backlog, ~2%)", () -> TicketQuery.builder()
                    .processingState(ProcessingState.NEW, ProcessingState.PROCESSING));
            combinations.put("priority URGENT (~5%), newest first", () -> TicketQuery.builder().priority(Priority.URGENT).newestFirst());
            combinations.put("sentiment POSITIVE, oldest first", () -> TicketQuery.builder().sentiment(Sentiment.POSITIVE));
            combinations.put("assignee agent-5 (~2.5%), newest first", () -> TicketQuery.builder().assignee("agent-5").newestFirst());
            combinations.put("one week + status OPEN + category refund", () -> TicketQuery.builder()
                    .createdFrom(start.plus(Duration.ofDays(200))).createdBefore(start.plus(Duration.ofDays(207)))
                    .status(SupportStatus.OPEN).category(Category.of("refund")).newestFirst());
            combinations.put("custom field plan = enterprise (~10%)", () -> TicketQuery.builder().fieldEquals("plan", "enterprise").newestFirst());
            combinations.put("custom field plan = enterprise + category billing", () -> TicketQuery.builder()
                    .fieldEquals("plan", "enterprise").category(Category.of("billing")).newestFirst());
            combinations.put("text contains 'invoice' (frequent word, no index)", () -> TicketQuery.builder().textContains("invoice").newestFirst());
            Random random = new Random(42);
            for (int warm = 0; warm < 3; warm++) {
                for (Supplier<TicketQuery.Builder> query : combinations.values()) repository.query(query.get().build());
            }
            System.out.printf("%-55s %8s %8s %8s  (ms, %d requests: half first pages, half after a random cursor; 50 per page)%n",
                    "combination", "p50", "p95", "max", requests);
            for (Map.Entry<String, Supplier<TicketQuery.Builder>> combination : combinations.entrySet()) {
                double[] millis = new double[requests];
                int items = 0;
                for (int i = 0; i < requests; i++) {
                    TicketQuery.Builder builder = combination.getValue().get().limit(50);
                    if (i % 2 == 1) {
                        Instant at = start.plus(Duration.ofSeconds((long) (random.nextDouble() * span.toSeconds())));
                        Ticket probe = TicketFixtures.aTicket().createdAt(at).build();
                        builder.after(PageCursor.after(probe));
                    }
                    TicketQuery query = builder.build();
                    long t0 = System.nanoTime();
                    Page<Ticket> page = repository.query(query);
                    millis[i] = (System.nanoTime() - t0) / 1e6;
                    items += page.items().size();
                }
                Arrays.sort(millis);
                System.out.printf("%-55s %8.1f %8.1f %8.1f  (%.1f items/page)%n", combination.getKey(), millis[requests / 2],
                        millis[(int) Math.ceil(requests * 0.95) - 1], millis[requests - 1], items / (double) requests);
            }
            if (!keep) HarnessDatabases.drop(pool, prefix);
        }
    }

    /** Server-side bulk load in chunks of 100,000 rows; one template document, per-row fields patched with jsonb_set. */
    private static void load(HikariDataSource pool, JdbcTicketRepository repository, String prefix, int rows, Instant start,
                             Duration span) throws Exception {
        Ticket template = TicketFixtures.fullyPopulatedTicket(start).toBuilder().version(1).build();
        String doc = new TicketCodec(new ObjectMapper(), new TextGuard(SqlDialect.of(repository.dialect()).storesNul())).encode(template);
        String categories = "ARRAY['" + String.join("','", CATEGORIES) + "']";
        String insert = "INSERT INTO " + prefix + "tickets (id, created_at, updated_at, version, status, processing_state, attempts,"
                + " category, sentiment, priority, assignee, subject_lc, body_lc, customer_email_lc, doc)"
                + " SELECT id, created_at, created_at, 1, status, state, 0, category, sentiment, priority, assignee, 'order question',"
                + " body, 'customer' || (g % 50000) || '@example.com',"
                + " jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(CAST(? AS jsonb),"
                + "   '{createdAt}', to_jsonb(to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'))),"
                + "   '{body}', to_jsonb(body)), '{status}', to_jsonb(status)),"
                + "   '{classification,category}', to_jsonb(category)), '{classification,sentiment}', to_jsonb(sentiment)),"
                + "   '{classification,priority}', to_jsonb(priority))"
                + " FROM (SELECT g, gen_random_uuid() AS id,"
                + "   CAST(? AS timestamptz) + make_interval(secs => (g::double precision / ?) * ?) AS created_at,"
                + "   CASE WHEN g % 10 < 6 THEN 'RESOLVED' WHEN g % 10 < 9 THEN 'OPEN' ELSE 'PENDING' END AS status,"
                + "   CASE WHEN g % 200 = 0 THEN 'FAILED' WHEN g % 50 = 1 THEN 'NEW' ELSE 'PROCESSED' END AS state,"
                + "   CASE WHEN g % 100 = 7 THEN 'fraud' ELSE (" + categories + ")[1 + (g * 7919) % 17] END AS category,"
                + "   (ARRAY['POSITIVE','NEUTRAL','NEGATIVE'])[1 + (g * 31) % 3] AS sentiment,"
                + "   CASE WHEN g % 20 = 3 THEN 'URGENT' ELSE (ARRAY['LOW','MEDIUM','HIGH'])[1 + (g * 13) % 3] END AS priority,"
                + "   CASE WHEN g % 40 = 5 THEN 'agent-' || (g % 10) END AS assignee,"
                + "   'question about invoice ' || g || ' and the delivery of order ' || (g * 17) AS body"
                + "   FROM generate_series(CAST(? AS bigint), CAST(? AS bigint)) g) s";
        String fields = "INSERT INTO " + prefix + "ticket_fields (ticket_id, field_name, value_key, field_value, is_text)"
                + " SELECT id, 'plan', v, v, false FROM (SELECT id, (ARRAY['basic','pro','enterprise'])[1 + (abs(hashtext(CAST(id AS text))) % 3)] AS v"
                + " FROM " + prefix + "tickets WHERE created_at >= ? AND created_at < ? AND abs(hashtext(CAST(id AS text))) % 10 < 3) f";
        try (Connection connection = pool.getConnection()) {
            for (int from = 1; from <= rows; from += 100_000) {
                int to = Math.min(rows, from + 99_999);
                try (PreparedStatement statement = connection.prepareStatement(insert)) {
                    statement.setString(1, doc);
                    statement.setObject(2, java.time.OffsetDateTime.ofInstant(start, java.time.ZoneOffset.UTC));
                    statement.setDouble(3, rows);
                    statement.setDouble(4, span.toSeconds());
                    statement.setInt(5, from);
                    statement.setInt(6, to);
                    statement.executeUpdate();
                }
                System.out.printf("  %d rows%n", to);
            }
            try (PreparedStatement statement = connection.prepareStatement(fields)) {
                statement.setObject(1, java.time.OffsetDateTime.ofInstant(start, java.time.ZoneOffset.UTC));
                statement.setObject(2, java.time.OffsetDateTime.ofInstant(start.plus(span).plusSeconds(1), java.time.ZoneOffset.UTC));
                statement.executeUpdate();
            }
            // what autovacuum does to a table this size: statistics, and the visibility map that lets index-only scans
            // skip the heap (this machine runs PostgreSQL with autovacuum off, so the harness does it; outside a transaction)
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM (ANALYZE) " + prefix + "tickets");
                statement.execute("VACUUM (ANALYZE) " + prefix + "ticket_fields");
            }
        }
    }
}
