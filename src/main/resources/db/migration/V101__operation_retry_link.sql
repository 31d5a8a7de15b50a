-- Retry of a FAILED operation (issue 15): a NEW operation row linked to the one it retries; the failed
-- row is never rewritten. One retry per failed operation: a second retry must name the newer one.
ALTER TABLE operations ADD COLUMN retry_of BIGINT REFERENCES operations (id);
CREATE UNIQUE INDEX operations_one_retry_each ON operations (retry_of) WHERE retry_of IS NOT NULL;
