-- Issue 14: an audit trail the application cannot rewrite, and leader locks that cannot split.
--
-- The runtime role gets INSERT and SELECT only on the evidence tables (store.RuntimeGrants, run by
-- `seat-manager db migrate`); the triggers below refuse UPDATE, DELETE and TRUNCATE to everyone else
-- who is not the owner too, so a mistaken grant still cannot rewrite history. The owner can still
-- disable a trigger: that is what the keyed, anchored audit chain detects.

-- The audit chain is keyed (HMAC-SHA-256 under SEAT_MANAGER_AUDIT_CHAIN_KEY) from the first row
-- appended with a key; rows before it keep their plain SHA-256 links. Whether a row claims to be keyed
-- is stored, but verify never trusts the claim alone: the anchors outside the database record from
-- which id on every row must be keyed.
ALTER TABLE audit_log ADD COLUMN keyed boolean NOT NULL DEFAULT false;

CREATE FUNCTION evidence_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER seat_evidence_no_update BEFORE UPDATE ON seat_evidence
  FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();
CREATE TRIGGER seat_evidence_no_delete BEFORE DELETE ON seat_evidence
  FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();
CREATE TRIGGER seat_evidence_no_truncate BEFORE TRUNCATE ON seat_evidence
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change();

-- The operation history: every status an operation went through, with what carried it, written by the
-- database itself on each change of operations (the row there is the current state and keeps moving).
CREATE TABLE operation_history (
  id            bigserial   PRIMARY KEY,
  operation_id  bigint      NOT NULL REFERENCES operations (id),
  status        text        NOT NULL,
  attempts      integer     NOT NULL,
  tx_hash       text,
  block_number  bigint,
  block_hash    text,
  last_error    text,
  recorded_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX operation_history_operation ON operation_history (operation_id, id);

CREATE FUNCTION operations_record_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status OR NEW.tx_hash IS DISTINCT FROM OLD.tx_hash
      OR NEW.block_hash IS DISTINCT FROM OLD.block_hash THEN
    INSERT INTO operation_history (operation_id, status, attempts, tx_hash, block_number, block_hash, last_error)
    VALUES (NEW.id, NEW.status, NEW.attempts, NEW.tx_hash, NEW.block_number, NEW.block_hash, NEW.last_error);
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER operations_history AFTER INSERT OR UPDATE ON operations
  FOR EACH ROW EXECUTE FUNCTION operations_record_history();
INSERT INTO operation_history (operation_id, status, attempts, tx_hash, block_number, block_hash, last_error)
  SELECT id, status, attempts, tx_hash, block_number, block_hash, last_error FROM operations ORDER BY id;

CREATE TRIGGER operation_history_no_update BEFORE UPDATE ON operation_history
  FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();
CREATE TRIGGER operation_history_no_delete BEFORE DELETE ON operation_history
  FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();
CREATE TRIGGER operation_history_no_truncate BEFORE TRUNCATE ON operation_history
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change();

-- Every signed transaction: what was signed never changes and is never removed; only whether and when
-- it was broadcast is recorded later (the runtime role may UPDATE exactly those two columns).
CREATE FUNCTION tx_attempts_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.intent_id = OLD.intent_id AND NEW.tx_hash = OLD.tx_hash
      AND NEW.raw_tx = OLD.raw_tx AND NEW.max_fee_per_gas = OLD.max_fee_per_gas
      AND NEW.max_priority_fee = OLD.max_priority_fee AND NEW.signed_at = OLD.signed_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'tx_attempts is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER tx_attempts_no_rewrite BEFORE UPDATE OR DELETE ON tx_attempts
  FOR EACH ROW EXECUTE FUNCTION tx_attempts_refuse_change();
CREATE TRIGGER tx_attempts_no_truncate BEFORE TRUNCATE ON tx_attempts
  FOR EACH STATEMENT EXECUTE FUNCTION tx_attempts_refuse_change();

-- Leadership of each role (store.RoleLock): the epoch is the fencing token. It is incremented by every
-- takeover, under the role's advisory lock; every write of the role checks, in its own transaction and
-- under a row lock, that the epoch is still the one it took, so a paused old leader writes nothing.
CREATE TABLE role_leadership (
  role          text        PRIMARY KEY CHECK (role ~ '^[a-z][a-z0-9_-]{0,63}$'),
  epoch         bigint      NOT NULL CHECK (epoch > 0),
  holder        text        NOT NULL,
  backend_pid   integer     NOT NULL,
  acquired_at   timestamptz NOT NULL
);
