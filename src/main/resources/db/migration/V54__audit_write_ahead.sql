-- Write-ahead audit of writes: the guard appends an ATTEMPTED row (committed on its own) before a
-- write's handler runs, and the outcome row afterwards names that attempt in attempt_id. A crash
-- between the handler's commit and the outcome append leaves an attempt without an outcome, never a
-- write without a record. ALTER TABLE fires no row triggers, so the append-only guards stay as they are.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_result_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_result_check
  CHECK (result IN ('ATTEMPTED', 'SUCCESS', 'DENIED', 'FAILED'));
ALTER TABLE audit_log ADD COLUMN attempt_id bigint REFERENCES audit_log (id);
-- One outcome per attempt; also the index the "has this attempt an outcome?" lookup uses.
CREATE UNIQUE INDEX audit_log_attempt ON audit_log (attempt_id) WHERE attempt_id IS NOT NULL;
