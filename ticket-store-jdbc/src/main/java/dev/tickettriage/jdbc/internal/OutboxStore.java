package dev.tickettriage.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.StorageException;
import dev.tickettriage.port.DeadLetter;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.NotificationOutbox;
import dev.tickettriage.port.OutboxEntry;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The notification outbox in one table: rows are PENDING (queued, due later, or claimed under a lease) or DEAD
 * (dead letters); a delivered row is deleted. Claims use {@code FOR UPDATE SKIP LOCKED}; every mark is fenced by
 * {@code state = 'PENDING' AND owner = ?}. Thread-safe.
 */
public final class OutboxStore implements NotificationOutbox {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final String NOTIFICATION = "id, ticket_id, target, title, message, priority, tags, link, idempotency_key, attempts";
    private static final String FENCE = " WHERE id = ? AND state = 'PENDING' AND owner = ?";

    private final Database database;
    private final SqlDialect dialect;
    private final TicketCodec codec;
    private final TextGuard guard;
    private final Clock clock;
    private final String table;

    public OutboxStore(Database database, TicketCodec codec, TextGuard guard, Clock clock, String prefix) {
        this.database = database;
        this.dialect = database.dialect();
        this.codec = codec;
        this.guard = guard;
        this.clock = clock;
        this.table = prefix + "outbox";
    }

    /** Checks the notifications' text before a transaction starts. */
    void check(List<Notification> notifications) {
        for (Notification notification : notifications) {
            guard.check("notification.target", notification.target());
            guard.check("notification.title", notification.title());
            guard.check("notification.message", notification.message());
            guard.check("notification.idempotencyKey", notification.idempotencyKey());
            notification.tags().forEach(tag -> guard.check("notification.tags", tag));
        }
    }

    /** Queues notifications in the caller's transaction (the ticket update's). */
    String table() {
        return table;
    }

    void insert(Connection connection, List<Notification> notifications) throws SQLException {
        if (notifications.isEmpty()) return;
        Instant now = clock.instant();
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + table + " (" + NOTIFICATION
                + ", created_at, state, due_at, owner, lease_expires_at, deferred, last_error, failed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 'PENDING', ?, NULL, NULL, ?, NULL, NULL)")) {
            for (Notification notification : notifications) {
                dialect.bindUuid(statement, 1, UUID.randomUUID());
                dialect.bindUuid(statement, 2, notification.ticketId().value());
                statement.setString(3, notification.target());
                statement.setString(4, notification.title());
                statement.setString(5, notification.message());
                statement.setString(6, notification.priority().name());
                statement.setString(7, json(notification.tags()));
                statement.setString(8, notification.linkUri().map(URI::toString).orElse(null));
                statement.setString(9, notification.idempotencyKey());
                dialect.bindInstant(statement, 10, now);
                dialect.bindInstant(statement, 11, now);
                statement.setBoolean(12, false);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private String json(List<String> tags) {
        try {
            return codec.mapper().writeValueAsString(tags);
        } catch (JsonProcessingException e) {
            throw new StorageException("Could not encode notification tags as JSON", e);
        }
    }

    private Notification notification(ResultSet rows) throws SQLException {
        List<String> tags;
        try {
            tags = codec.mapper().readValue(rows.getString("tags"), STRINGS);
        } catch (JsonProcessingException e) {
            throw new StorageException("A stored notification has invalid tags JSON", e);
        }
        String link = rows.getString("link");
        return new Notification(rows.getString("target"), rows.getString("title"), rows.getString("message"),
                Priority.valueOf(rows.getString("priority")), tags, link == null ? null : URI.create(link),
                new TicketId(dialect.readUuid(rows, "ticket_id")), rows.getString("idempotency_key"));
    }

    /**
     * The claim's locking SELECT for an outbox table; parameters: now (due), now (lease expired), limit. Public so a
     * test can {@code EXPLAIN} exactly what runs.
     */
    public static String claimSql(String outboxTable) {
        return "SELECT " + NOTIFICATION + ", created_at FROM " + outboxTable
                + " WHERE state = 'PENDING' AND due_at <= ? AND (lease_expires_at IS NULL OR lease_expires_at <= ?)"
                + " ORDER BY created_at, seq LIMIT ? FOR UPDATE SKIP LOCKED";
    }

    @Override
    public List<OutboxEntry> claimDue(String owner, int limit, Duration leaseDuration) {
        Objects.requireNonNull(owner, "owner");
        requireLimit(limit);
        requirePositive(leaseDuration);
        guard.check("owner", owner);
        Instant now = clock.instant();
        Instant expires = now.plus(leaseDuration);
        return database.inClaimTransaction("claim outbox entries", connection -> {
            List<OutboxEntry> claimed = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(claimSql(table))) {
                dialect.bindInstant(select, 1, now);
                dialect.bindInstant(select, 2, now);
                select.setInt(3, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(new OutboxEntry(dialect.readUuid(rows, "id"), notification(rows), rows.getInt("attempts"),
                                dialect.readInstant(rows, "created_at"), owner, expires));
                    }
                }
            }
            if (claimed.isEmpty()) return List.<OutboxEntry>of();
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET owner = ?, lease_expires_at = ? WHERE id = ?")) {
                for (OutboxEntry entry : claimed) {
                    update.setString(1, owner);
                    dialect.bindInstant(update, 2, expires);
                    dialect.bindUuid(update, 3, entry.id());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return List.copyOf(claimed);
        });
    }

    @Override
    public boolean extendLease(UUID id, String owner, Duration leaseDuration) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        requirePositive(leaseDuration);
        Instant until = clock.instant().plus(leaseDuration);
        return fenced("extend an outbox lease", "SET lease_expires_at = ?", id, owner, (statement, i) -> {
            dialect.bindInstant(statement, i, until);
            return i + 1;
        });
    }

    @Override
    public boolean markDelivered(UUID id, String owner) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        return database.read("mark an outbox entry delivered", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table + FENCE)) {
                dialect.bindUuid(statement, 1, id);
                statement.setString(2, owner);
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean markRetry(UUID id, String owner, Instant notBefore, String reason) {
        Objects.requireNonNull(notBefore, "notBefore");
        String error = guard.check("reason", Objects.requireNonNull(reason, "reason"));
        return fenced("mark an outbox entry for retry", "SET attempts = attempts + 1, last_error = ?, due_at = ?, owner = NULL,"
                + " lease_expires_at = NULL, deferred = ?", id, owner, (statement, i) -> {
                    statement.setString(i, error);
                    dialect.bindInstant(statement, i + 1, notBefore);
                    statement.setBoolean(i + 2, false);
                    return i + 3;
                });
    }

    @Override
    public boolean defer(UUID id, String owner, Instant until, String reason) {
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(reason, "reason");
        return fenced("defer an outbox entry", "SET due_at = ?, owner = NULL, lease_expires_at = NULL, deferred = ?", id, owner,
                (statement, i) -> {
                    dialect.bindInstant(statement, i, until);
                    statement.setBoolean(i + 1, true);
                    return i + 2;
                });
    }

    @Override
    public boolean markFailed(UUID id, String owner, String reason) {
        String error = guard.check("reason", Objects.requireNonNull(reason, "reason"));
        Instant now = clock.instant();
        return fenced("dead-letter an outbox entry", "SET attempts = attempts + 1, state = 'DEAD', last_error = ?, failed_at = ?,"
                + " owner = NULL, lease_expires_at = NULL", id, owner, (statement, i) -> {
                    statement.setString(i, error);
                    dialect.bindInstant(statement, i + 1, now);
                    return i + 2;
                });
    }

    private boolean fenced(String what, String set, UUID id, String owner, TicketStore.Binder binder) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        return database.read(what, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE " + table + " " + set + FENCE)) {
                int i = binder.bind(statement, 1);
                dialect.bindUuid(statement, i, id);
                statement.setString(i + 1, owner);
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public long pendingCount() {
        return count("count pending outbox entries", "state = 'PENDING' AND (deferred = ? OR due_at <= ?)", false);
    }

    @Override
    public long deferredCount() {
        return count("count deferred outbox entries", "state = 'PENDING' AND deferred = ? AND due_at > ?", true);
    }

    private long count(String what, String condition, boolean deferredFlag) {
        Instant now = clock.instant();
        return database.read(what, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + condition)) {
                statement.setBoolean(1, deferredFlag);
                dialect.bindInstant(statement, 2, now);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        requireLimit(limit);
        return deadLetters(null, limit);
    }

    @Override
    public List<DeadLetter> deadLettersAfter(DeadLetter after, int limit) {
        Objects.requireNonNull(after, "after");
        requireLimit(limit);
        return deadLetters(after, limit);
    }

    private List<DeadLetter> deadLetters(@Nullable DeadLetter after, int limit) {
        return database.read("list dead letters", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + NOTIFICATION + ", last_error, failed_at FROM "
                    + table + " WHERE state = 'DEAD'" + (after == null ? "" : " AND (failed_at > ? OR (failed_at = ? AND id > ?))")
                    + " ORDER BY failed_at, id LIMIT ?")) {
                int i = 1;
                if (after != null) {
                    dialect.bindInstant(statement, i++, after.failedAt());
                    dialect.bindInstant(statement, i++, after.failedAt());
                    dialect.bindUuid(statement, i++, after.id());
                }
                statement.setInt(i, limit);
                List<DeadLetter> dead = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) dead.add(deadLetter(rows));
                }
                return List.copyOf(dead);
            }
        });
    }

    private DeadLetter deadLetter(ResultSet rows) throws SQLException {
        String error = rows.getString("last_error");
        return new DeadLetter(dialect.readUuid(rows, "id"), notification(rows), rows.getInt("attempts"), error == null ? "" : error,
                Objects.requireNonNull(dialect.readInstant(rows, "failed_at"), "failed_at"));
    }

    @Override
    public Optional<DeadLetter> deadLetter(UUID id) {
        Objects.requireNonNull(id, "id");
        return database.read("find a dead letter", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + NOTIFICATION + ", last_error, failed_at FROM "
                    + table + " WHERE id = ? AND state = 'DEAD'")) {
                dialect.bindUuid(statement, 1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(deadLetter(rows)) : Optional.<DeadLetter>empty();
                }
            }
        });
    }

    @Override
    public boolean requeueDeadLetter(UUID id) {
        Objects.requireNonNull(id, "id");
        return requeue(" AND id = ?", id) == 1;
    }

    @Override
    public int requeueAllDeadLetters() {
        return requeue("", null);
    }

    private int requeue(String condition, @Nullable UUID id) {
        Instant now = clock.instant();
        return database.read("requeue dead letters", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE " + table + " SET state = 'PENDING', attempts = 0,"
                    + " due_at = ?, deferred = ?, failed_at = NULL, owner = NULL, lease_expires_at = NULL WHERE state = 'DEAD'" + condition)) {
                dialect.bindInstant(statement, 1, now);
                statement.setBoolean(2, false);
                if (id != null) dialect.bindUuid(statement, 3, id);
                return statement.executeUpdate();
            }
        });
    }

    private static void requireLimit(int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }

    private static void requirePositive(Duration leaseDuration) {
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        if (leaseDuration.isNegative() || leaseDuration.isZero()) {
            throw new IllegalArgumentException("leaseDuration must be positive, was " + leaseDuration);
        }
    }
}
