package dev.tickettriage.jdbc.internal;

import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.domain.FilledField;
import dev.tickettriage.domain.Ticket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The custom classification fields of each ticket in {@code <prefix>ticket_fields}: one row per canonical value
 * ({@link FieldValue#strings()}), keyed by {@link #key} so long free text still fits an index. Written in the same
 * transaction as the ticket row; read by the field filters and field stats as indexed SQL. Thread-safe.
 */
public final class FieldStore {

    /** Values up to this many characters are their own key; longer ones are '#' + SHA-256 hex. */
    static final int VALUE_KEY_LENGTH = 200;
    /** The same rule for the customer e-mail and external id columns. */
    static final int CUSTOMER_KEY_LENGTH = 300;

    private final SqlDialect dialect;
    private final String table;

    FieldStore(SqlDialect dialect, String prefix) {
        this.dialect = dialect;
        this.table = prefix + "ticket_fields";
    }

    String table() {
        return table;
    }

    /** The indexed form of {@code value}: itself when short enough, else '#' + its SHA-256 in hex (65 characters). */
    static String key(String value, int maxLength) {
        if (value.length() <= maxLength && !value.startsWith("#")) return value;
        try {
            return "#" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    static Set<String> keys(Collection<String> values) {
        Set<String> keys = new LinkedHashSet<>();
        for (String value : values) keys.add(key(value, VALUE_KEY_LENGTH));
        return keys;
    }

    /** Writes the field rows of freshly inserted tickets. */
    void insert(Connection connection, List<Ticket> tickets) throws SQLException {
        List<Ticket> withFields = new ArrayList<>();
        for (Ticket ticket : tickets) {
            if (ticket.classification().map(c -> !c.fields().isEmpty()).orElse(false)) withFields.add(ticket);
        }
        if (withFields.isEmpty()) return;
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + table
                + " (ticket_id, field_name, value_key, field_value, is_text) VALUES (?, ?, ?, ?, ?)")) {
            for (Ticket ticket : withFields) {
                for (FilledField field : ticket.classification().orElseThrow().fields().values()) {
                    boolean text = field.value() instanceof FieldValue.TextValue;
                    Set<String> seen = new LinkedHashSet<>();
                    for (String value : field.value().strings()) {
                        if (!seen.add(key(value, VALUE_KEY_LENGTH))) continue;
                        dialect.bindUuid(statement, 1, ticket.id().value());
                        statement.setString(2, field.name());
                        statement.setString(3, key(value, VALUE_KEY_LENGTH));
                        statement.setString(4, value);
                        statement.setBoolean(5, text);
                        statement.addBatch();
                    }
                }
            }
            statement.executeBatch();
        }
    }

    /** Replaces the field rows of updated tickets with their current fields. */
    void replace(Connection connection, List<Ticket> tickets) throws SQLException {
        if (tickets.isEmpty()) return;
        delete(connection, tickets);
        insert(connection, tickets);
    }

    /** One statement per up to 500 tickets: {@code DELETE ... WHERE ticket_id IN (...)}. */
    private void delete(Connection connection, List<Ticket> tickets) throws SQLException {
        for (int from = 0; from < tickets.size(); from += 500) {
            List<Ticket> chunk = tickets.subList(from, Math.min(tickets.size(), from + 500));
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table + " WHERE ticket_id IN ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")) {
                for (int i = 0; i < chunk.size(); i++) dialect.bindUuid(statement, i + 1, chunk.get(i).id().value());
                statement.executeUpdate();
            }
        }
    }
}
