-- ticket-triage JDBC store, schema version 2 (MariaDB 10.6+).
-- Custom classification fields in a side table so fieldEquals/fieldFilled and field stats are indexed SQL:
-- one row per canonical value (a multi-choice field has several). value_key is the value itself when it has
-- at most 200 characters, else '#' + the SHA-256 hex of it; field_value keeps the full text; is_text marks free
-- text (filterable, not counted by value). The customer's e-mail (lower case) and external id become columns
-- for erasure. Rows of tickets stored before this version are filled from the documents by the repository.
CREATE TABLE ${prefix}ticket_fields (
    ticket_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    field_name VARCHAR(64) NOT NULL,
    value_key VARCHAR(200) NOT NULL,
    field_value LONGTEXT NOT NULL,
    is_text BOOLEAN NOT NULL,
    PRIMARY KEY (ticket_id, field_name, value_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}ticket_fields_value ON ${prefix}ticket_fields (field_name, value_key, ticket_id);
ALTER TABLE ${prefix}tickets ADD COLUMN customer_email_lc VARCHAR(300), ADD COLUMN customer_external_id VARCHAR(300);
CREATE INDEX ${prefix}tickets_customer_email ON ${prefix}tickets (customer_email_lc);
CREATE INDEX ${prefix}tickets_customer_external ON ${prefix}tickets (customer_external_id);
CREATE INDEX ${prefix}outbox_ticket ON ${prefix}outbox (ticket_id);
-- Index diet: every update of a ticket (each claim and each completion) maintains every index, so the queue pays
-- for every index twice per ticket. Sentiment and priority have a handful of values, each a large share of the
-- rows: a filtered, newest-first page walks tickets_created and filters (see BENCHMARKS.md).
DROP INDEX ${prefix}tickets_sentiment ON ${prefix}tickets;
DROP INDEX ${prefix}tickets_priority ON ${prefix}tickets;
