package dev.tickettriage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.jdbc.internal.OutboxStore;
import dev.tickettriage.jdbc.internal.SqlDialect;
import dev.tickettriage.jdbc.internal.TicketStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The claims' plans on PostgreSQL when the statistics are stale: tables analysed while empty, then filled with a backlog
 * and never analysed again (what autovacuum off, or a burst before the next autoanalyze, leaves). Unsteered, PostgreSQL
 * then reads every waiting row and sorts them for each claim (O(backlog)); steered, it walks the partial index oldest
 * first and stops at the limit.
 */
class ClaimPlanPostgresTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    private static final String PREFIX = "plan_";
    private static final int BACKLOG = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void fillWithStaleStatistics() throws SQLException {
        JdbcTicketRepository.builder(DB.dataSource()).tablePrefix(PREFIX).migrate(true).build();
        try (Connection connection = DB.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String table : List.of("tickets", "outbox")) {
                statement.execute("ALTER TABLE " + PREFIX + table + " SET (autovacuum_enabled = false)");
                statement.execute("ANALYZE " + PREFIX + table);   // statistics of an empty table
            }
            statement.execute("INSERT INTO " + PREFIX + "tickets (id, created_at, updated_at, version, status, processing_state,"
                    + " attempts, body_lc, doc) SELECT gen_random_uuid(), TIMESTAMPTZ '2026-01-01 00:00:00Z' + g * INTERVAL '1 second',"
                    + " TIMESTAMPTZ '2026-01-01 00:00:00Z', 1, 'OPEN', 'NEW', 0, 'body', '{}'::jsonb FROM generate_series(1, " + BACKLOG + ") g");
            statement.execute("INSERT INTO " + PREFIX + "outbox (id, ticket_id, target, title, message, priority, tags,"
                    + " idempotency_key, attempts, created_at, state, due_at, deferred) SELECT gen_random_uuid(), gen_random_uuid(),"
                    + " 'support-alerts', 't', 'm', 'HIGH', '[]', 'key-' || g, 0, TIMESTAMPTZ '2026-01-01 00:00:00Z' + g * INTERVAL '1 second',"
                    + " 'PENDING', TIMESTAMPTZ '2026-01-01 00:00:00Z', false FROM generate_series(1, " + BACKLOG + ") g");
        }
    }

    @Test
    void should_claim_tickets_by_walking_the_claimable_index_whatever_the_statistics() throws Exception {
        String sql = TicketStore.claimReturningSql(PREFIX + "tickets");
        Instant now = Instant.parse("2026-06-01T00:00:00Z");

        List<JsonNode> unsteered = plan(sql, false, statement -> bindTicketClaim(statement, now));
        List<JsonNode> steered = plan(sql, true, statement -> bindTicketClaim(statement, now));

        // the setup does reproduce the problem: without steering the planner reads and sorts the whole backlog
        assertThat(nodeTypes(unsteered)).containsAnyOf("Sort", "Seq Scan", "Bitmap Heap Scan");
        assertThat(nodeTypes(steered)).doesNotContain("Sort", "Seq Scan", "Bitmap Heap Scan");
        assertThat(indexScans(steered)).contains(PREFIX + "tickets_claimable");
    }

    @Test
    void should_claim_notifications_by_walking_the_pending_index_whatever_the_statistics() throws Exception {
        String sql = OutboxStore.claimSql(PREFIX + "outbox");
        Instant now = Instant.parse("2026-06-01T00:00:00Z");

        List<JsonNode> steered = plan(sql, true, statement -> {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setInt(3, 50);
        });

        assertThat(nodeTypes(steered)).doesNotContain("Sort", "Seq Scan", "Bitmap Heap Scan");
        assertThat(indexScans(steered)).contains(PREFIX + "outbox_claimable");
    }

    private static void bindTicketClaim(PreparedStatement statement, Instant now) throws SQLException {
        statement.setString(1, "worker-1");
        statement.setTimestamp(2, Timestamp.from(now.plusSeconds(300)));
        for (int i = 3; i <= 5; i++) statement.setTimestamp(i, Timestamp.from(now));
        statement.setInt(6, 50);
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Every node of the plan of {@code sql}, planned inside a rolled-back transaction, steered or not. */
    private static List<JsonNode> plan(String sql, boolean steer, Binder binder) throws Exception {
        try (Connection connection = DB.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (steer) SqlDialect.of(JdbcDialect.POSTGRESQL).steerClaimPlan(connection);
                try (PreparedStatement statement = connection.prepareStatement("EXPLAIN (FORMAT JSON) " + sql)) {
                    binder.bind(statement);
                    try (ResultSet rows = statement.executeQuery()) {
                        assertThat(rows.next()).isTrue();
                        List<JsonNode> nodes = new ArrayList<>();
                        collect(JSON.readTree(rows.getString(1)).get(0).get("Plan"), nodes);
                        return nodes;
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        into.add(node);
        JsonNode children = node.get("Plans");
        if (children != null) children.forEach(child -> collect(child, into));
    }

    private static List<String> nodeTypes(List<JsonNode> nodes) {
        return nodes.stream().map(node -> node.get("Node Type").asText()).toList();
    }

    private static List<String> indexScans(List<JsonNode> nodes) {
        return nodes.stream().filter(node -> node.has("Index Name")).map(node -> node.get("Index Name").asText()).toList();
    }
}
