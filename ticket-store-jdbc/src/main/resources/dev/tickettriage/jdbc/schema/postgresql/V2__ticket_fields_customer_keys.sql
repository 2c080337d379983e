-- ticket-triage JDBC store, schema version 2 (PostgreSQL 12+).
-- Custom classification fields in a side table so fieldEquals/fieldFilled and field stats are indexed SQL:
-- one row per canonical value (a multi-choice field has several). value_key is the value itself when it has
-- at most 200 characters, else '#' + the SHA-256 hex of it; value keeps the full text; is_text marks free text
-- (filterable, not counted by value). The customer's e-mail (lower case) and external id become columns for
-- erasure (values over 300 characters are stored as their key form, like value_key). Rows of tickets stored before this version are filled from the documents by the repository.
CREATE TABLE ${prefix}ticket_fields (
    ticket_id uuid NOT NULL,
    field_name varchar(64) NOT NULL,
    value_key varchar(200) NOT NULL,
    field_value text NOT NULL,
    is_text boolean NOT NULL,
    PRIMARY KEY (ticket_id, field_name, value_key)
);
CREATE INDEX ${prefix}ticket_fields_value ON ${prefix}ticket_fields (field_name, value_key, ticket_id);
ALTER TABLE ${prefix}tickets ADD COLUMN customer_email_lc text;
ALTER TABLE ${prefix}tickets ADD COLUMN customer_external_id text;
CREATE INDEX ${prefix}tickets_customer_email ON ${prefix}tickets (customer_email_lc) WHERE customer_email_lc IS NOT NULL;
CREATE INDEX ${prefix}tickets_customer_external ON ${prefix}tickets (customer_external_id) WHERE customer_external_id IS NOT NULL;
CREATE INDEX ${prefix}outbox_ticket ON ${prefix}outbox (ticket_id);
-- Index diet: every non-HOT update (each claim and each completion) adds an entry to every index whose predicate
-- the row meets, about 13 us of server CPU each on this 2-core machine, so the queue pays for every index twice per
-- ticket. Sentiment and priority have a handful of values, each a large share of the rows: a filtered, newest-first
-- page walks tickets_created and filters (see BENCHMARKS.md, 1,000,000 rows). Category and assignee stay indexed,
-- but only rows that have one (unclassified and unassigned tickets, the whole queue, add no entry).
DROP INDEX ${prefix}tickets_sentiment;
DROP INDEX ${prefix}tickets_priority;
DROP INDEX ${prefix}tickets_category;
CREATE INDEX ${prefix}tickets_category ON ${prefix}tickets (category, created_at, id) WHERE category IS NOT NULL;
DROP INDEX ${prefix}tickets_assignee;
CREATE INDEX ${prefix}tickets_assignee ON ${prefix}tickets (assignee, created_at, id) WHERE assignee IS NOT NULL;
