package dev.tickettriage.jdbc.internal;

import dev.tickettriage.port.WorkAvailable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread holding one pooled connection that LISTENs on the channel and hands each notification to the
 * listener. After a failure it reconnects with a growing pause (1 s to 30 s) and, once listening again, tells the
 * listener both kinds (work may have arrived while it was deaf). Loaded only on PostgreSQL (it uses the driver's API).
 */
final class PgListener {

    private static final Logger LOG = LoggerFactory.getLogger(PgListener.class);
    private static final int WAIT_MILLIS = 500;
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final String channel;
    private final Consumer<WorkAvailable> listener;
    private final Thread thread;
    private volatile boolean closed;

    PgListener(DataSource dataSource, String channel, Consumer<WorkAvailable> listener) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.listener = listener;
        this.thread = new Thread(this::run, "ticket-triage-jdbc-listen-" + channel);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(WAIT_MILLIS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Duration pause = Duration.ofSeconds(1);
        boolean warned = false;
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.getAutoCommit()) connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN \"" + channel + "\"");   // the prefix is a checked identifier
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                if (warned) LOG.info("Listening for work from other instances again on channel {}", channel);
                warned = false;
                pause = Duration.ofSeconds(1);
                tell(WorkAvailable.TICKETS);   // catch up with whatever arrived before or while reconnecting
                tell(WorkAvailable.NOTIFICATIONS);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications == null) continue;
                    for (PGNotification notification : notifications) {
                        tell(WorkAvailable.NOTIFICATIONS.name().equals(notification.getParameter())
                                ? WorkAvailable.NOTIFICATIONS : WorkAvailable.TICKETS);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) return;
                if (!warned) {
                    LOG.warn("Listening for work from other instances failed ({}, SQL state {}); polling only until it"
                            + " reconnects", e.getClass().getSimpleName(), e instanceof SQLException ? ((SQLException) e).getSQLState() : "-");
                    warned = true;
                }
                LOG.debug("LISTEN connection failed", e);
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private void tell(WorkAvailable kind) {
        try {
            listener.accept(kind);
        } catch (RuntimeException e) {   // the listener is the pipeline's wake signal; never let it end the thread
            LOG.warn("A work listener threw {}", e.getClass().getName());
        }
    }
}
