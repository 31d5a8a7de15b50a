-- The treasury policy's velocity limit (issue 12) when the key lives in the executor (local key or
-- KMS mode): one row per pubkey a deposit was signed for. The isolated signer keeps its own ledger
-- file instead. Rows are only ever inserted: a trigger refuses UPDATE and DELETE by the application
-- role; a database owner can still drop the trigger, which is why docs/security.md does not count
-- this ledger as a defence against a database attacker.
CREATE TABLE treasury_deposit_signatures (
  id bigserial PRIMARY KEY,
  pubkey text NOT NULL CHECK (pubkey ~ '^0x[0-9a-f]{96}$'),
  signed_at timestamptz NOT NULL
);
CREATE INDEX treasury_deposit_signatures_at ON treasury_deposit_signatures (signed_at);

CREATE FUNCTION treasury_deposit_signatures_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'treasury_deposit_signatures is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER treasury_deposit_signatures_no_change BEFORE UPDATE OR DELETE ON treasury_deposit_signatures
  FOR EACH ROW EXECUTE FUNCTION treasury_deposit_signatures_append_only();
