-- Managed validator keys (POST /v1/seats/generate). The index comes from a sequence, which never
-- hands out a value twice, even when the transaction that took it rolls back: a key is never reused.
CREATE SEQUENCE managed_key_index AS BIGINT MINVALUE 0 START WITH 0 NO CYCLE;

-- The encrypted EIP-2335 keystore (never the secret in clear) and the signed deposit data of a
-- managed key, attached to its vault deployment; the seat takes them over when the vault is verified.
CREATE TABLE seat_bls_material (
  key_index      BIGINT      PRIMARY KEY CHECK (key_index >= 0),
  request_id     BIGINT      NOT NULL UNIQUE REFERENCES seat_requests (id),
  pubkey         TEXT        NOT NULL UNIQUE CHECK (pubkey ~ '^0x[0-9a-f]{96}$'),
  key_path       TEXT        NOT NULL,
  keystore       TEXT        NOT NULL,
  deposit_data   TEXT        NOT NULL,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
