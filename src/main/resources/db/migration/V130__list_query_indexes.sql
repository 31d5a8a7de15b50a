-- Indexes for the list filters that had none (issue 18, measured on the scale fixture: see
-- docs/performance.md "Scale"). Every list route pages by id (keyset), so each index ends in id: the
-- filter's rows come out already in page order and a page of 100 reads about 100 index entries, however
-- deep the cursor. Plain CREATE INDEX (not CONCURRENTLY: Flyway runs each migration in a transaction);
-- on a 1,000,000-row audit_log each takes a few seconds and blocks writes to that table meanwhile.

-- GET /v1/audit-logs?target= and ?result=: without them a rare target walked the whole chain backwards.
CREATE INDEX audit_log_target ON audit_log (target, id);
CREATE INDEX audit_log_result ON audit_log (result, id);

-- GET /v1/dashboard/alerts?kind= / ?severity= / ?state=open, and the dashboard's stuck-transaction list.
CREATE INDEX alerts_kind ON alerts (kind, id);
CREATE INDEX alerts_severity ON alerts (severity, id);
CREATE INDEX alerts_open ON alerts (id) WHERE resolved_at IS NULL;

-- The dashboard's operations-by-status count: an index-only scan instead of reading every operation row.
CREATE INDEX operations_status ON operations (status);
