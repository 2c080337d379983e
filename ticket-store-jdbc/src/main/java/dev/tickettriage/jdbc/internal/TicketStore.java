package dev.tickettriage.jdbc.internal;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.IdempotencyKey;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Processing;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.StaleTicketException;
import dev.tickettriage.error.TicketNotFoundException;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.Page;
import dev.tickettriage.port.PageCursor;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.port.TicketRepository.InsertResult;
import dev.tickettriage.port.TicketStats;
import dev.tickettriage.port.FieldStats;
import dev.tickettriage.port.UpdateOutcome;
import dev.tickettriage.port.BacklogStats;
import dev.tickettriage.port.CustomerKey;
import dev.tickettriage.port.ErasureReport;
import dev.tickettriage.port.WorkAvailable;
import dev.tickettriage.port.Notification;
import dev.tickettriage.error.StorageException;
import dev.tickettriage.error.TriageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tickets, idempotency keys, the audit trail and work leases in SQL. Thread-safe. */
public final class TicketStore {

    private static final Logger LOG = LoggerFactory.getLogger(TicketStore.class);
    private static final String COLUMNS = "id, version, updated_at, processing_state, attempts, failure_reason, not_before, doc";

    private final Database database;
    private final SqlDialect dialect;
    private final TicketCodec codec;
    private final TextGuard guard;
    private final OutboxStore outbox;
    private final Clock clock;
    private final String tickets;
    private final String audit;
    private final String keys;
    private final FieldStore fields;

    private final WakeUps wakeUps;

    public TicketStore(Database database, TicketCodec codec, TextGuard guard, OutboxStore outbox, Clock clock, String prefix,
                       WakeUps wakeUps) {
        this.wakeUps = wakeUps;
        this.database = database;
        this.dialect = database.dialect();
        this.codec = codec;
        this.guard = guard;
        this.outbox = outbox;
        this.clock = clock;
        this.tickets = prefix + "tickets";
        this.audit = prefix + "audit";
        this.keys = prefix + "idempotency";
        this.fields = new FieldStore(dialect, prefix);
    }

    // ---- insert and find ----

    public InsertResult insert(Ticket ticket, @Nullable IdempotencyKey key) {
        if (ticket.version() != 0) throw new IllegalArgumentException("a new ticket must have version 0, was " + ticket.version());
        Ticket stored = ticket.toBuilder().version(1).build();
        String doc = codec.encode(stored);   // checks the text before anything is written
        guard.check("processing.failureReason", stored.processing().lastFailure().orElse(null));
        if (key != null) guard.check("idempotencyKey", key.value());
        for (int attempt = 0; ; attempt++) {
            if (key != null) {
                Optional<Ticket> existing = findByKey(key);
                if (existing.isPresent()) return new InsertResult(existing.get(), false);
            }
            try {
                database.inTransaction("insert ticket " + stored.id(), connection -> {
                    if (key != null) {
                        try (PreparedStatement statement = connection.prepareStatement(
                                "INSERT INTO " + keys + " (idempotency_key, ticket_id) VALUES (?, ?)")) {
                            statement.setString(1, key.value());
                            dialect.bindUuid(statement, 2, stored.id().value());
                            statement.executeUpdate();
                        }
                    }
                    insertRow(connection, stored, doc);
                    wakeUps.send(connection, WorkAvailable.TICKETS);
                    return null;
                });
                return new InsertResult(stored, true);
            } catch (dev.tickettriage.error.StorageException e) {
                SQLException cause = e.getCause() instanceof SQLException ? (SQLException) e.getCause() : null;
                boolean race = cause != null && (SqlDialect.isUniqueViolation(cause) || SqlDialect.isTransient(cause));
                if (!race) throw e;
                if (key == null || attempt >= 20) {
                    if (cause != null && SqlDialect.isUniqueViolation(cause) && findById(stored.id()).isPresent()) {
                        throw new IllegalArgumentException("ticket " + stored.id() + " already exists");
                    }
                    throw e;
                }
                LOG.debug("insert with idempotency key raced with another insert; looking the key up again", e);
            }
        }
    }

    private void insertRow(Connection connection, Ticket ticket, String doc) throws SQLException {
        insertRows(connection, List.of(ticket), List.of(doc));
    }

    private void insertRows(Connection connection, List<Ticket> batch, List<String> docs) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + tickets
                + " (id, created_at, updated_at, version, status, processing_state, attempts, failure_reason, not_before,"
                + " lease_owner, lease_expires_at, category, sentiment, priority, assignee, corrected_at, subject_lc, body_lc,"
                + " customer_email_lc, customer_external_id, doc)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + dialect.jsonParameter() + ")")) {
            for (int n = 0; n < batch.size(); n++) {
                Ticket ticket = batch.get(n);
                dialect.bindUuid(statement, 1, ticket.id().value());
                dialect.bindInstant(statement, 2, ticket.createdAt());
                dialect.bindInstant(statement, 3, ticket.updatedAt());
                statement.setLong(4, ticket.version());
                int next = bindState(statement, 5, ticket);
                statement.setString(next, docs.get(n));
                if (batch.size() == 1) {
                    statement.executeUpdate();
                } else {
                    statement.addBatch();
                }
            }
            if (batch.size() > 1) statement.executeBatch();
        }
        fields.insert(connection, batch);
    }

    /** Inserts new tickets (no idempotency keys) in one transaction with batched statements. */
    public List<Ticket> insertAll(List<Ticket> fresh) {
        if (fresh.isEmpty()) return List.of();
        List<Ticket> stored = new ArrayList<>(fresh.size());
        List<String> docs = new ArrayList<>(fresh.size());
        for (Ticket ticket : fresh) {
            if (ticket.version() != 0) throw new IllegalArgumentException("a new ticket must have version 0, was " + ticket.version());
            Ticket next = ticket.toBuilder().version(1).build();
            docs.add(codec.encode(next));
            guard.check("processing.failureReason", next.processing().lastFailure().orElse(null));
            stored.add(next);
        }
        try {
            database.inTransaction("insert " + stored.size() + " tickets", connection -> {
                insertRows(connection, stored, docs);
                wakeUps.send(connection, WorkAvailable.TICKETS);
                return null;
            });
        } catch (StorageException e) {
            SQLException cause = rootSql(e);
            if (cause != null && SqlDialect.isUniqueViolation(cause)) {
                for (Ticket ticket : stored) {
                    if (findById(ticket.id()).isPresent()) throw new IllegalArgumentException("ticket " + ticket.id() + " already exists");
                }
            }
            throw e;
        }
        return List.copyOf(stored);
    }

    private static @Nullable SQLException rootSql(StorageException e) {
        if (!(e.getCause() instanceof SQLException)) return null;
        SQLException cause = (SQLException) e.getCause();
        // a batch failure wraps the row's own failure
        return cause.getNextException() != null ? cause.getNextException() : cause;
    }

    /** Binds status .. customer_external_id (the columns derived from the ticket); returns the next parameter index. */
    private int bindState(PreparedStatement statement, int first, Ticket ticket) throws SQLException {
        int i = first;
        statement.setString(i++, ticket.status().name());
        statement.setString(i++, ticket.processingState().name());
        statement.setInt(i++, ticket.processing().attempts());
        statement.setString(i++, ticket.processing().lastFailure().orElse(null));
        dialect.bindInstant(statement, i++, ticket.processing().retryAt().orElse(null));
        statement.setString(i++, ticket.classification().map(c -> c.category().id()).orElse(null));
        statement.setString(i++, ticket.classification().map(c -> c.sentiment().name()).orElse(null));
        statement.setString(i++, ticket.priority().map(Priority::name).orElse(null));
        statement.setString(i++, ticket.assignee().orElse(null));
        dialect.bindInstant(statement, i++, ticket.correction().map(c -> c.at()).orElse(null));
        statement.setString(i++, ticket.subject().map(TicketStore::lower).orElse(null));
        statement.setString(i++, lower(ticket.body()));
        statement.setString(i++, ticket.customer().email().map(email -> FieldStore.key(lower(email), FieldStore.CUSTOMER_KEY_LENGTH))
                .orElse(null));
        statement.setString(i++, ticket.customer().externalId().map(id -> FieldStore.key(id, FieldStore.CUSTOMER_KEY_LENGTH))
                .orElse(null));
        return i;
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private Optional<Ticket> findByKey(IdempotencyKey key) {
        return database.read("find ticket by idempotency key", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT t." + COLUMNS.replace(", ", ", t.") + " FROM "
                    + tickets + " t JOIN " + keys + " k ON k.ticket_id = t.id WHERE k.idempotency_key = ?")) {
                statement.setString(1, key.value());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(ticket(rows)) : Optional.<Ticket>empty();
                }
            }
        });
    }

    public Optional<Ticket> findById(TicketId id) {
        return database.read("find ticket " + id, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + tickets + " WHERE id = ?")) {
                dialect.bindUuid(statement, 1, id.value());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(ticket(rows)) : Optional.<Ticket>empty();
                }
            }
        });
    }

    private Ticket ticket(ResultSet rows) throws SQLException {
        Instant updatedAt = dialect.readInstant(rows, "updated_at");
        Processing processing = new Processing(ProcessingState.valueOf(rows.getString("processing_state")), rows.getInt("attempts"),
                rows.getString("failure_reason"), dialect.readInstant(rows, "not_before"));
        Ticket.Builder builder = Ticket.builder().id(new TicketId(dialect.readUuid(rows, "id"))).version(rows.getLong("version"))
                .processing(processing);
        codec.decode(rows.getString("doc"), builder);
        if (updatedAt != null) builder.updatedAt(updatedAt);
        return builder.build();
    }

    /**
     * Fills what schema version 2 added (customer key columns, field rows) for the tickets stored before it, in keyset
     * pages on {@code connection} (the migration's, under its lock).
     */
    public void backfillVersion2(Connection connection) throws SQLException {
        TicketId after = null;
        while (true) {
            List<Ticket> page = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + tickets
                    + (after == null ? "" : " WHERE id > ?") + " ORDER BY id LIMIT 500")) {
                if (after != null) dialect.bindUuid(select, 1, after.value());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) page.add(ticket(rows));
                }
            }
            if (page.isEmpty()) return;
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + tickets
                    + " SET customer_email_lc = ?, customer_external_id = ? WHERE id = ?")) {
                for (Ticket ticket : page) {
                    update.setString(1, ticket.customer().email().map(email -> FieldStore.key(lower(email), FieldStore.CUSTOMER_KEY_LENGTH))
                            .orElse(null));
                    update.setString(2, ticket.customer().externalId().map(id -> FieldStore.key(id, FieldStore.CUSTOMER_KEY_LENGTH))
                            .orElse(null));
                    dialect.bindUuid(update, 3, ticket.id().value());
                    update.addBatch();
                }
                update.executeBatch();
            }
            fields.replace(connection, page);
            connection.commit();
            after = page.get(page.size() - 1).id();
        }
    }

    // ---- backlog stats ----

    /** Two grouped queries: count and oldest of the unprocessed; the newest classified with their first CLASSIFIED entry. */
    public BacklogStats backlogStats(TicketQuery query, Instant now, int sample) {
        Where unprocessed = where(query.toBuilder().after(null).anyProcessingState()
                .processingState(ProcessingState.NEW, ProcessingState.PROCESSING).build());
        Where processed = where(query.toBuilder().after(null).anyProcessingState().processingState(ProcessingState.PROCESSED).build());
        return database.read("compute backlog stats", connection -> {
            long backlog;
            Duration oldest = Duration.ZERO;
            try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM "
                    + tickets + unprocessed.sql())) {
                unprocessed.bind(statement, 1);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    backlog = rows.getLong("n");
                    Instant first = dialect.readInstant(rows, "oldest");
                    if (first != null) oldest = Duration.between(first, now);
                }
            }
            long[] millis = new long[sample];
            int count = 0;
            try (PreparedStatement statement = connection.prepareStatement("SELECT created_at, (SELECT MIN(a.occurred_at) FROM " + audit
                    + " a WHERE a.ticket_id = " + tickets + ".id AND a.action = ?) AS classified_at FROM " + tickets + processed.sql()
                    + " ORDER BY created_at DESC, id DESC LIMIT ?")) {
                statement.setString(1, AuditEntry.CLASSIFIED);
                int i = processed.bind(statement, 2);
                statement.setInt(i, sample);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        Instant classified = dialect.readInstant(rows, "classified_at");
                        if (classified != null) millis[count++] = Duration.between(dialect.readInstant(rows, "created_at"), classified).toMillis();
                    }
                }
            }
            return BacklogStats.of(backlog, oldest, java.util.Arrays.copyOf(millis, count));
        });
    }

    // ---- erasure and retention ----

    public ErasureReport eraseCustomer(CustomerKey customer, String actor) {
        guard.check("actor", actor);
        String column = customer.kind() == CustomerKey.Kind.EMAIL ? "customer_email_lc" : "customer_external_id";
        String value = FieldStore.key(customer.kind() == CustomerKey.Kind.EMAIL ? lower(customer.value()) : customer.value(),
                FieldStore.CUSTOMER_KEY_LENGTH);
        guard.check("customer", value);
        Instant now = clock.instant();
        return database.inTransaction("erase a customer's tickets", connection -> {
            List<TicketId> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM " + tickets + " WHERE " + column + " = ? FOR UPDATE")) {
                select.setString(1, value);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) ids.add(new TicketId(dialect.readUuid(rows, "id")));
                }
            }
            long[] removed = deleteTickets(connection, ids);
            List<AuditEntry> records = new ArrayList<>(ids.size());
            for (TicketId id : ids) {
                records.add(new AuditEntry(id, now, actor, "customer-erased",
                        "the ticket and everything stored about its customer were erased on request"));
            }
            insertAudit(connection, records);
            return new ErasureReport(ids.size(), removed[0], removed[1]);
        });
    }

    public int purgeFinished(Instant cutoff, int limit) {
        return database.inTransaction("purge finished tickets", connection -> {
            List<TicketId> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM " + tickets
                    + " WHERE status IN (?, ?) AND processing_state IN (?, ?) AND updated_at < ?"
                    + " ORDER BY updated_at, id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                select.setString(1, SupportStatus.RESOLVED.name());
                select.setString(2, SupportStatus.CLOSED.name());
                select.setString(3, ProcessingState.PROCESSED.name());
                select.setString(4, ProcessingState.FAILED.name());
                dialect.bindInstant(select, 5, cutoff);
                select.setInt(6, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) ids.add(new TicketId(dialect.readUuid(rows, "id")));
                }
            }
            deleteTickets(connection, ids);
            return ids.size();
        });
    }

    /** Deletes tickets with their audit entries, outbox entries, field rows and idempotency keys; returns {audit, outbox} counts. */
    private long[] deleteTickets(Connection connection, List<TicketId> ids) throws SQLException {
        long audits = 0;
        long notifications = 0;
        for (int from = 0; from < ids.size(); from += 500) {
            List<TicketId> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String in = " WHERE ticket_id IN (" + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")";
            audits += deleteIn(connection, "DELETE FROM " + audit + in, chunk);
            notifications += deleteIn(connection, "DELETE FROM " + outbox.table() + in, chunk);
            deleteIn(connection, "DELETE FROM " + fields.table() + in, chunk);
            deleteIn(connection, "DELETE FROM " + keys + in, chunk);
            deleteIn(connection, "DELETE FROM " + tickets + in.replace("ticket_id", "id"), chunk);
        }
        return new long[] {audits, notifications};
    }

    private int deleteIn(Connection connection, String sql, List<TicketId> ids) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) dialect.bindUuid(statement, i + 1, ids.get(i).value());
            return statement.executeUpdate();
        }
    }

    // ---- update ----

    /** The change with its document encoded and every text checked: ready to write. */
    private record Prepared(TicketChange change, Ticket next, String doc) {
    }

    private Prepared prepare(TicketChange change) {
        Ticket ticket = change.ticket();
        Ticket next = ticket.toBuilder().version(ticket.version() + 1).build();
        String doc = codec.encode(next);
        guard.check("processing.failureReason", next.processing().lastFailure().orElse(null));
        outbox.check(change.notifications());
        for (AuditEntry entry : change.auditEntries()) {
            guard.check("audit.actor", entry.actor());
            guard.check("audit.action", entry.action());
            guard.check("audit.detail", entry.detail());
        }
        return new Prepared(change, next, doc);
    }

    public Ticket update(TicketChange change) {
        Prepared prepared = prepare(change);
        UpdateOutcome outcome = database.inTransaction("update ticket " + change.ticket().id(),
                connection -> write(connection, List.of(prepared), false).get(0));
        if (outcome.failure().isPresent()) throw outcome.failure().get();
        return outcome.ticket().orElseThrow();
    }

    /**
     * Writes the valid changes in one transaction: one batched version-checked UPDATE, then the outbox rows and audit
     * entries of the changes that won, in batches. A change that loses its version check writes nothing. When the
     * batch as a whole fails (a constraint, a driver that cannot report per-row counts) every change is written again
     * in its own transaction, so one bad change never sinks its batchmates.
     */
    public List<UpdateOutcome> updateAll(List<TicketChange> changes) {
        UpdateOutcome[] outcomes = new UpdateOutcome[changes.size()];
        List<Prepared> valid = new ArrayList<>(changes.size());
        List<Integer> positions = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            try {
                valid.add(prepare(changes.get(i)));
                positions.add(i);
            } catch (TriageException e) {
                outcomes[i] = UpdateOutcome.failed(e);
            }
        }
        if (!valid.isEmpty()) {
            List<UpdateOutcome> written;
            try {
                written = database.inTransaction("update " + valid.size() + " tickets", connection -> write(connection, valid, true));
            } catch (StorageException e) {
                LOG.debug("a batch of {} updates failed as a whole; writing them one by one", valid.size(), e);
                written = new ArrayList<>(valid.size());
                for (Prepared prepared : valid) {
                    try {
                        written.add(UpdateOutcome.stored(update(prepared.change())));
                    } catch (TriageException failure) {
                        written.add(UpdateOutcome.failed(failure));
                    }
                }
            }
            for (int i = 0; i < written.size(); i++) outcomes[positions.get(i)] = written.get(i);
        }
        return List.of(outcomes);
    }

    /** Signals a batch whose per-row update counts the driver did not report: the caller writes one by one. */
    private static final class CountsUnknown extends SQLException {
        private static final long serialVersionUID = 1L;

        CountsUnknown() {
            super("the driver did not report per-row update counts", "HY000");
        }
    }

    private List<UpdateOutcome> write(Connection connection, List<Prepared> batch, boolean batched) throws SQLException {
        int[] counts = new int[batch.size()];
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + tickets + " SET updated_at = ?, version = ?,"
                + " status = ?, processing_state = ?, attempts = ?, failure_reason = ?, not_before = ?, category = ?, sentiment = ?,"
                + " priority = ?, assignee = ?, corrected_at = ?, subject_lc = ?, body_lc = ?, customer_email_lc = ?, customer_external_id = ?,"
                + " doc = " + dialect.jsonParameter()
                // a ticket that stays PROCESSING keeps its lease; leaving PROCESSING ends it
                + ", lease_owner = CASE WHEN ? THEN lease_owner ELSE NULL END"
                + ", lease_expires_at = CASE WHEN ? THEN lease_expires_at ELSE NULL END"
                + " WHERE id = ? AND version = ?")) {
            for (int n = 0; n < batch.size(); n++) {
                Prepared prepared = batch.get(n);
                Ticket next = prepared.next();
                boolean processing = next.processingState() == ProcessingState.PROCESSING;
                dialect.bindInstant(statement, 1, next.updatedAt());
                statement.setLong(2, next.version());
                int i = bindState(statement, 3, next);
                statement.setString(i++, prepared.doc());
                statement.setBoolean(i++, processing);
                statement.setBoolean(i++, processing);
                dialect.bindUuid(statement, i++, next.id().value());
                statement.setLong(i, prepared.change().ticket().version());
                if (batched) {
                    statement.addBatch();
                } else {
                    counts[n] = statement.executeUpdate();
                }
            }
            if (batched) {
                int[] reported = statement.executeBatch();
                for (int count : reported) if (count < 0) throw new CountsUnknown();
                System.arraycopy(reported, 0, counts, 0, counts.length);
            }
        }
        List<UpdateOutcome> outcomes = new ArrayList<>(batch.size());
        List<Notification> notifications = new ArrayList<>();
        List<AuditEntry> entries = new ArrayList<>();
        List<Ticket> written = new ArrayList<>(batch.size());
        for (int n = 0; n < batch.size(); n++) {
            Prepared prepared = batch.get(n);
            TicketId id = prepared.next().id();
            if (counts[n] == 1) {
                outcomes.add(UpdateOutcome.stored(prepared.next()));
                notifications.addAll(prepared.change().notifications());
                entries.addAll(prepared.change().auditEntries());
                written.add(prepared.next());
            } else if (!exists(connection, id)) {
                outcomes.add(UpdateOutcome.failed(new TicketNotFoundException(id)));
            } else {
                LOG.debug("ticket {} lost an optimistic update at version {}", id, prepared.change().ticket().version());
                outcomes.add(UpdateOutcome.failed(new StaleTicketException(id, prepared.change().ticket().version())));
            }
        }
        fields.replace(connection, written);
        outbox.insert(connection, notifications);
        insertAudit(connection, entries);
        if (!notifications.isEmpty()) wakeUps.send(connection, WorkAvailable.NOTIFICATIONS);
        for (Ticket ticket : written) {
            if (ticket.processingState() == ProcessingState.NEW && ticket.processing().retryAt().isEmpty()) {
                wakeUps.send(connection, WorkAvailable.TICKETS);   // requeued or released for anyone to claim now
                break;
            }
        }
        return outcomes;
    }

    private boolean exists(Connection connection, TicketId id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM " + tickets + " WHERE id = ?")) {
            dialect.bindUuid(statement, 1, id.value());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private void insertAudit(Connection connection, List<AuditEntry> entries) throws SQLException {
        if (entries.isEmpty()) return;
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + audit
                + " (ticket_id, occurred_at, actor, action, detail) VALUES (?, ?, ?, ?, ?)")) {
            for (AuditEntry entry : entries) {
                dialect.bindUuid(statement, 1, entry.ticketId().value());
                dialect.bindInstant(statement, 2, entry.at());
                statement.setString(3, entry.actor());
                statement.setString(4, entry.action());
                statement.setString(5, entry.detail());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    public List<AuditEntry> auditTrail(TicketId id) {
        return database.read("read the audit trail of ticket " + id, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT occurred_at, actor, action, detail FROM " + audit
                    + " WHERE ticket_id = ? ORDER BY seq")) {
                dialect.bindUuid(statement, 1, id.value());
                List<AuditEntry> trail = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        trail.add(new AuditEntry(id, dialect.readInstant(rows, "occurred_at"), rows.getString("actor"),
                                rows.getString("action"), rows.getString("detail")));
                    }
                }
                return List.copyOf(trail);
            }
        });
    }

    // ---- query and stats ----

    public Page<Ticket> query(TicketQuery query) {
        Where where = where(query);
        boolean desc = query.newestFirst();
        if (query.after().isPresent()) {
            PageCursor cursor = query.after().get();
            String op = desc ? "<" : ">";
            // the first, redundant bound gives every database an index range start on (created_at, id); without it an
            // OR keeps PostgreSQL walking the index from its end, through every row before the cursor
            where.add("created_at " + op + "= ? AND (created_at " + op + " ? OR (created_at = ? AND id " + op + " ?))", (statement, i) -> {
                dialect.bindInstant(statement, i, cursor.createdAt());
                dialect.bindInstant(statement, i + 1, cursor.createdAt());
                dialect.bindInstant(statement, i + 2, cursor.createdAt());
                dialect.bindUuid(statement, i + 3, cursor.id().value());
                return i + 4;
            });
        }
        String direction = desc ? " DESC" : " ASC";
        String sql = "SELECT " + COLUMNS + " FROM " + tickets + where.sql() + " ORDER BY created_at" + direction + ", id" + direction
                + " LIMIT ?";
        return database.read("query tickets", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int i = where.bind(statement, 1);
                statement.setInt(i, query.limit() + 1);
                List<Ticket> page = new ArrayList<>();
                boolean more = false;
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        if (page.size() == query.limit()) {
                            more = true;
                            break;
                        }
                        page.add(ticket(rows));
                    }
                }
                return Page.of(page, more ? PageCursor.after(page.get(page.size() - 1)) : null);
            }
        });
    }

    public TicketStats stats(TicketQuery query) {
        Where where = where(query);
        String sql = "SELECT status, processing_state, category, sentiment, priority, COUNT(*) AS n FROM " + tickets + where.sql()
                + " GROUP BY status, processing_state, category, sentiment, priority";
        return database.read("count tickets", connection -> {
            long total = 0;
            Map<SupportStatus, Long> byStatus = new EnumMap<>(SupportStatus.class);
            Map<ProcessingState, Long> byState = new EnumMap<>(ProcessingState.class);
            Map<Category, Long> byCategory = new HashMap<>();
            Map<Sentiment, Long> bySentiment = new EnumMap<>(Sentiment.class);
            Map<Priority, Long> byPriority = new EnumMap<>(Priority.class);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                where.bind(statement, 1);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        long n = rows.getLong("n");
                        total += n;
                        byStatus.merge(SupportStatus.valueOf(rows.getString("status")), n, Long::sum);
                        byState.merge(ProcessingState.valueOf(rows.getString("processing_state")), n, Long::sum);
                        String category = rows.getString("category");
                        if (category != null) byCategory.merge(Category.of(category), n, Long::sum);
                        String sentiment = rows.getString("sentiment");
                        if (sentiment != null) bySentiment.merge(Sentiment.valueOf(sentiment), n, Long::sum);
                        String priority = rows.getString("priority");
                        if (priority != null) byPriority.merge(Priority.valueOf(priority), n, Long::sum);
                    }
                }
            }
            return new TicketStats(total, byStatus, byState, byCategory, bySentiment, byPriority);
        });
    }

    private Where where(TicketQuery query) {
        Where where = new Where();
        where.in("status", names(query.statuses()));
        where.in("processing_state", names(query.processingStates()));
        List<String> categories = new ArrayList<>();
        query.categories().forEach(category -> categories.add(category.id()));
        where.in("category", categories);
        where.in("sentiment", names(query.sentiments()));
        where.in("priority", names(query.priorities()));
        query.assignee().ifPresent(assignee -> where.add("assignee = ?", (statement, i) -> {
            statement.setString(i, guard.check("assignee", assignee));
            return i + 1;
        }));
        query.textContains().ifPresent(text -> {
            String pattern = "%" + escapeLike(lower(guard.check("textContains", text))) + "%";
            where.add("(subject_lc LIKE ? ESCAPE '!' OR body_lc LIKE ? ESCAPE '!')", (statement, i) -> {
                statement.setString(i, pattern);
                statement.setString(i + 1, pattern);
                return i + 2;
            });
        });
        query.createdFrom().ifPresent(from -> where.add("created_at >= ?", (statement, i) -> {
            dialect.bindInstant(statement, i, from);
            return i + 1;
        }));
        query.createdBefore().ifPresent(before -> where.add("created_at < ?", (statement, i) -> {
            dialect.bindInstant(statement, i, before);
            return i + 1;
        }));
        query.corrected().ifPresent(corrected -> where.add(corrected ? "corrected_at IS NOT NULL" : "corrected_at IS NULL",
                (statement, i) -> i));
        for (String name : query.filledFields()) where.add(fieldExists(0), (statement, i) -> {
            statement.setString(i, name);
            return i + 1;
        });
        query.fieldValues().forEach((name, wanted) -> {
            for (String value : wanted) guard.check("fieldEquals", value);
            List<String> keys = new ArrayList<>(FieldStore.keys(wanted));
            where.add(fieldExists(keys.size()), (statement, i) -> {
                statement.setString(i++, name);
                for (String key : keys) statement.setString(i++, key);
                return i;
            });
        });
        return where;
    }

    /** A ticket has a row for the field (bound first), holding one of {@code values} keys when values > 0. */
    private String fieldExists(int values) {
        return "EXISTS (SELECT 1 FROM " + fields.table() + " f WHERE f.ticket_id = " + tickets + ".id AND f.field_name = ?"
                + (values == 0 ? "" : " AND f.value_key IN (" + String.join(", ", java.util.Collections.nCopies(values, "?")) + ")")
                + ")";
    }

    /** Field counts in SQL: matched tickets, those with the field filled, and per (non-text) value. */
    public FieldStats fieldStats(TicketQuery query, String field) {
        FieldStats.counter(field);   // validates the name as the port does
        Where where = where(query);
        String filter = where.sql();
        String and = filter.isEmpty() ? " WHERE " : filter + " AND ";
        return database.read("count field " + field, connection -> {
            long total;
            long filled;
            try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM " + tickets + filter)) {
                where.bind(statement, 1);
                total = single(statement);
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM " + tickets + and + fieldExists(0))) {
                statement.setString(where.bind(statement, 1), field);
                filled = single(statement);
            }
            Map<String, Long> byValue = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT MIN(f.field_value) AS v, COUNT(*) AS n FROM "
                    + fields.table() + " f JOIN " + tickets + " ON " + tickets + ".id = f.ticket_id" + and
                    + " f.field_name = ? AND f.is_text = ? GROUP BY f.value_key")) {
                int i = where.bind(statement, 1);
                statement.setString(i++, field);
                statement.setBoolean(i, false);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) byValue.put(rows.getString("v"), rows.getLong("n"));
                }
            }
            return new FieldStats(field, total, filled, byValue);
        });
    }

    private static long single(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> names(java.util.Set<? extends Enum<?>> values) {
        List<String> names = new ArrayList<>();
        values.forEach(value -> names.add(value.name()));
        return names;
    }

    static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** Binds parameters from index {@code i}; returns the next free index. */
    @FunctionalInterface
    interface Binder {
        int bind(PreparedStatement statement, int i) throws SQLException;
    }

    /** AND-ed conditions with their parameters, in order. */
    private final class Where {
        private final List<String> conditions = new ArrayList<>();
        private final List<Binder> binders = new ArrayList<>();

        void add(String condition, Binder binder) {
            conditions.add(condition);
            binders.add(binder);
        }

        void in(String column, List<String> values) {
            if (values.isEmpty()) return;
            for (String value : values) guard.check(column, value);
            add(column + " IN (" + String.join(", ", java.util.Collections.nCopies(values.size(), "?")) + ")", (statement, i) -> {
                for (String value : values) statement.setString(i++, value);
                return i;
            });
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        int bind(PreparedStatement statement, int first) throws SQLException {
            int i = first;
            for (Binder binder : binders) i = binder.bind(statement, i);
            return i;
        }
    }

    // ---- claims and leases ----

    public List<Ticket> claim(String owner, int limit, Duration leaseDuration) {
        guard.check("owner", owner);
        Instant now = clock.instant();
        Instant expires = now.plus(leaseDuration);
        if (dialect.updateReturning()) return claimInOneStatement(owner, limit, now, expires);
        if (dialect.claimByCompareAndSet()) return claimByCompareAndSet(owner, limit, now, expires);
        return database.inClaimTransaction("claim tickets", connection -> {
            List<Ticket> candidates = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + tickets
                    + CLAIMABLE + " ORDER BY created_at, id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                dialect.bindInstant(select, 1, now);
                dialect.bindInstant(select, 2, now);
                select.setInt(3, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) candidates.add(ticket(rows));
                }
            }
            if (candidates.isEmpty()) return List.<Ticket>of();
            return lease(connection, candidates, owner, now, expires, true);
        });
    }

    /**
     * H2: its {@code FOR UPDATE} locks every row the scan reads before {@code ORDER BY ... LIMIT} applies, so a locking
     * claim costs a lock write per waiting ticket (O(backlog): 15 claims a second with 3,000 waiting). Instead: read the
     * oldest candidates without locks, walking the {@code (processing_state, created_at, id)} index in order (new tickets
     * due now, and leases that expired), then lease each with a version-checked {@code UPDATE}; a candidate another
     * claimer took first fails its check and is skipped. Retried a few times when every candidate was lost that way, so
     * a claim returns nothing only when nothing is claimable.
     */
    private List<Ticket> claimByCompareAndSet(String owner, int limit, Instant now, Instant expires) {
        for (int attempt = 1; ; attempt++) {
            List<Ticket> candidates = new ArrayList<>();
            List<Ticket> claimed = database.inClaimTransaction("claim tickets", connection -> {
                candidates.addAll(candidates(connection, "processing_state = 'NEW' AND (not_before IS NULL OR not_before <= ?)", now, limit));
                candidates.addAll(candidates(connection, "processing_state = 'PROCESSING' AND (lease_expires_at IS NULL OR lease_expires_at <= ?)",
                        now, limit));
                if (candidates.isEmpty()) return List.<Ticket>of();
                candidates.sort(java.util.Comparator.comparing(Ticket::createdAt).thenComparing(Ticket::id));
                List<Ticket> oldest = candidates.subList(0, Math.min(limit, candidates.size()));
                return lease(connection, oldest, owner, now, expires, false);
            });
            if (!claimed.isEmpty() || candidates.isEmpty() || attempt == 5) return List.copyOf(claimed);
        }
    }

    /**
     * Leases {@code candidates} to {@code owner} in one batch of version-checked updates and returns the leased tickets.
     * {@code locked}: the rows are locked by this transaction, so every update succeeds; otherwise only the candidates
     * whose update count is 1 are returned (H2 reports a count per row; one another claimer took first reports 0).
     */
    private List<Ticket> lease(Connection connection, List<Ticket> candidates, String owner, Instant now, Instant expires,
                               boolean locked) throws SQLException {
        List<Ticket> next = new ArrayList<>(candidates.size());
        int[] counts;
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + tickets + " SET processing_state = 'PROCESSING',"
                + " not_before = NULL, lease_owner = ?, lease_expires_at = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?")) {
            for (Ticket candidate : candidates) {
                Ticket leased = candidate.toBuilder().version(candidate.version() + 1)
                        .processing(candidate.processing().withState(ProcessingState.PROCESSING)).updatedAt(now).build();
                update.setString(1, owner);
                dialect.bindInstant(update, 2, expires);
                update.setLong(3, leased.version());
                dialect.bindInstant(update, 4, now);
                dialect.bindUuid(update, 5, leased.id().value());
                update.setLong(6, candidate.version());
                update.addBatch();
                next.add(leased);
            }
            counts = update.executeBatch();
        }
        if (locked) return next;
        List<Ticket> won = new ArrayList<>(next.size());
        for (int i = 0; i < counts.length; i++) if (counts[i] == 1) won.add(next.get(i));
        return won;
    }

    /** Up to {@code limit} tickets meeting {@code condition} (one instant parameter), oldest first, read without locks. */
    private List<Ticket> candidates(Connection connection, String condition, Instant now, int limit) throws SQLException {
        // ordering by processing_state first (constant under the condition) lets the index deliver rows in order and stop
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + tickets + " WHERE " + condition
                + " ORDER BY processing_state, created_at, id LIMIT ?")) {
            dialect.bindInstant(select, 1, now);
            select.setInt(2, limit);
            List<Ticket> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) found.add(ticket(rows));
            }
            return found;
        }
    }

    private static final String CLAIMABLE = " WHERE (processing_state = 'NEW' AND (not_before IS NULL OR not_before <= ?))"
            + " OR (processing_state = 'PROCESSING' AND (lease_expires_at IS NULL OR lease_expires_at <= ?))";

    /**
     * PostgreSQL: lock, lease and return the tickets in one {@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP
     * LOCKED) RETURNING}, in a transaction that first steers the planner to the claimable index (three round trips and
     * one commit per claim, whatever the table's statistics).
     */
    private List<Ticket> claimInOneStatement(String owner, int limit, Instant now, Instant expires) {
        return database.inClaimTransaction("claim tickets", connection -> {
            List<Ticket> claimed = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(claimReturningSql(tickets))) {
                statement.setString(1, owner);
                dialect.bindInstant(statement, 2, expires);
                dialect.bindInstant(statement, 3, now);
                dialect.bindInstant(statement, 4, now);
                dialect.bindInstant(statement, 5, now);
                statement.setInt(6, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) claimed.add(ticket(rows));
                }
            }
            claimed.sort(java.util.Comparator.comparing(Ticket::createdAt).thenComparing(Ticket::id));
            return List.copyOf(claimed);
        });
    }

    /**
     * The PostgreSQL claim statement for a tickets table; parameters: owner, lease expiry, now (updated_at), now (not
     * before), now (lease expired), limit. Public so a test can {@code EXPLAIN} exactly what runs.
     */
    public static String claimReturningSql(String ticketsTable) {
        return "UPDATE " + ticketsTable + " SET processing_state = 'PROCESSING',"
                + " not_before = NULL, lease_owner = ?, lease_expires_at = ?, version = version + 1, updated_at = ?"
                + " WHERE id IN (SELECT id FROM " + ticketsTable + CLAIMABLE + " ORDER BY created_at, id LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " RETURNING " + COLUMNS;
    }

    public boolean extendLease(TicketId id, String owner, Duration leaseDuration) {
        Instant now = clock.instant();
        return database.read("extend the lease of ticket " + id, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE " + tickets + " SET lease_expires_at = ?"
                    + " WHERE id = ? AND processing_state = 'PROCESSING' AND lease_owner = ? AND lease_expires_at > ?")) {
                dialect.bindInstant(statement, 1, now.plus(leaseDuration));
                dialect.bindUuid(statement, 2, id.value());
                statement.setString(3, owner);
                dialect.bindInstant(statement, 4, now);
                return statement.executeUpdate() == 1;
            }
        });
    }

    public boolean release(TicketId id, String owner) {
        Instant now = clock.instant();
        return database.read("release ticket " + id, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE " + tickets + " SET processing_state = 'NEW',"
                    + " lease_owner = NULL, lease_expires_at = NULL, version = version + 1, updated_at = ?"
                    + " WHERE id = ? AND processing_state = 'PROCESSING' AND lease_owner = ? AND lease_expires_at > ?")) {
                dialect.bindInstant(statement, 1, now);
                dialect.bindUuid(statement, 2, id.value());
                statement.setString(3, owner);
                dialect.bindInstant(statement, 4, now);
                return statement.executeUpdate() == 1;
            }
        });
    }
}
