-- ticket-triage JDBC store, schema version 1 (MariaDB 10.6+). ${prefix} is the table prefix chosen in the builder.
-- Times are UTC wall time in DATETIME(6). Text is utf8mb4 with binary collation (emoji survive, comparisons
-- are exact); ids are CHAR(36) ascii_bin, whose order is the order of TicketId. The classification fields are
-- real columns for filtering; the rest of the ticket, including the host's attributes, is the JSON document
-- in "doc" (filter with JSON_VALUE(doc, '$.attributes.x')).
CREATE TABLE ${prefix}tickets (
    id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    version BIGINT NOT NULL,
    status VARCHAR(16) NOT NULL,
    processing_state VARCHAR(16) NOT NULL,
    attempts INT NOT NULL,
    failure_reason LONGTEXT,
    not_before DATETIME(6),
    lease_owner VARCHAR(500),
    lease_expires_at DATETIME(6),
    category VARCHAR(100),
    sentiment VARCHAR(16),
    priority VARCHAR(8),
    assignee VARCHAR(500),
    corrected_at DATETIME(6),
    subject_lc LONGTEXT,
    body_lc LONGTEXT NOT NULL,
    doc LONGTEXT NOT NULL CHECK (JSON_VALID(doc))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}tickets_created ON ${prefix}tickets (created_at, id);
CREATE INDEX ${prefix}tickets_claimable ON ${prefix}tickets (processing_state, created_at, id);
CREATE INDEX ${prefix}tickets_status ON ${prefix}tickets (status, created_at, id);
CREATE INDEX ${prefix}tickets_category ON ${prefix}tickets (category, created_at, id);
CREATE INDEX ${prefix}tickets_sentiment ON ${prefix}tickets (sentiment, created_at, id);
CREATE INDEX ${prefix}tickets_priority ON ${prefix}tickets (priority, created_at, id);
CREATE INDEX ${prefix}tickets_assignee ON ${prefix}tickets (assignee, created_at, id);
CREATE INDEX ${prefix}tickets_corrected ON ${prefix}tickets (corrected_at);

CREATE TABLE ${prefix}audit (
    seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    ticket_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    occurred_at DATETIME(6) NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail LONGTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}audit_ticket ON ${prefix}audit (ticket_id, seq);

CREATE TABLE ${prefix}outbox (
    id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    seq BIGINT NOT NULL AUTO_INCREMENT UNIQUE,
    ticket_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    target TEXT NOT NULL,
    title LONGTEXT NOT NULL,
    message LONGTEXT NOT NULL,
    priority VARCHAR(8) NOT NULL,
    tags LONGTEXT NOT NULL,
    link LONGTEXT,
    idempotency_key TEXT NOT NULL,
    attempts INT NOT NULL,
    created_at DATETIME(6) NOT NULL,
    state VARCHAR(8) NOT NULL,
    due_at DATETIME(6) NOT NULL,
    owner VARCHAR(500),
    lease_expires_at DATETIME(6),
    deferred BOOLEAN NOT NULL,
    last_error LONGTEXT,
    failed_at DATETIME(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}outbox_claimable ON ${prefix}outbox (state, created_at, seq);
CREATE INDEX ${prefix}outbox_dead ON ${prefix}outbox (state, failed_at, id);

CREATE TABLE ${prefix}idempotency (
    idempotency_key VARCHAR(200) NOT NULL PRIMARY KEY,
    ticket_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
