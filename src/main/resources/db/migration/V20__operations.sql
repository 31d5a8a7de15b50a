-- Durable operations and the transactions that carry them (issue: crash-safe transaction pipeline).
-- An operation is one irreversible thing the treasury asks the chain to do, executed as
-- TreasuryRouter.execute(target, value, calldata). Nothing is signed before its rows commit.
CREATE TABLE operations (
  id            BIGSERIAL PRIMARY KEY,
  seat_id       BIGINT,
  kind          TEXT        NOT NULL,
  status        TEXT        NOT NULL DEFAULT 'QUEUED'
                CHECK (status IN ('QUEUED', 'IN_FLIGHT', 'CONFIRMED', 'FAILED', 'CANCELLED')),
  target        TEXT        NOT NULL CHECK (target ~ '^0x[0-9a-f]{40}$'),
  value_wei     NUMERIC(78, 0) NOT NULL CHECK (value_wei >= 0),
  calldata      TEXT        NOT NULL CHECK (calldata ~ '^0x([0-9a-f]{2})*$'),
  not_before    TIMESTAMPTZ NOT NULL DEFAULT now(),
  attempts      INTEGER     NOT NULL DEFAULT 0,
  last_error    TEXT,
  requested_by  TEXT        NOT NULL,
  tx_hash       TEXT,
  block_number  BIGINT,
  block_hash    TEXT,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX operations_seat ON operations (seat_id, id);
CREATE INDEX operations_runnable ON operations (status, not_before) WHERE status IN ('QUEUED', 'IN_FLIGHT');

-- One transaction intent per nonce: the envelope (sender, nonce, target, value, calldata, gas) is fixed
-- when the row commits; replacements at the same nonce are further attempts, never a second intent.
CREATE TABLE tx_intents (
  id             BIGSERIAL PRIMARY KEY,
  operation_id   BIGINT      NOT NULL REFERENCES operations (id),
  chain_id       BIGINT      NOT NULL,
  sender         TEXT        NOT NULL CHECK (sender ~ '^0x[0-9a-f]{40}$'),
  nonce          BIGINT      NOT NULL CHECK (nonce >= 0),
  target         TEXT        NOT NULL,
  value_wei      NUMERIC(78, 0) NOT NULL,
  calldata       TEXT        NOT NULL,
  gas_limit      NUMERIC(78, 0) NOT NULL,
  status         TEXT        NOT NULL DEFAULT 'PREPARED'
                 CHECK (status IN ('PREPARED', 'SIGNED', 'SENT', 'MINED', 'CONFIRMED', 'REVERTED', 'DROPPED')),
  mined_tx_hash  TEXT,
  mined_block    BIGINT,
  mined_block_hash TEXT,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (chain_id, sender, nonce)
);
CREATE UNIQUE INDEX tx_intents_one_live_per_operation ON tx_intents (operation_id)
  WHERE status NOT IN ('DROPPED');

-- Every signed transaction, kept before it is broadcast: after a crash, any of these could land.
CREATE TABLE tx_attempts (
  id                 BIGSERIAL PRIMARY KEY,
  intent_id          BIGINT      NOT NULL REFERENCES tx_intents (id),
  tx_hash            TEXT        NOT NULL UNIQUE,
  raw_tx             TEXT        NOT NULL,
  max_fee_per_gas    NUMERIC(78, 0) NOT NULL,
  max_priority_fee   NUMERIC(78, 0) NOT NULL,
  signed_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  broadcast_at       TIMESTAMPTZ,
  broadcast_error    TEXT
);
CREATE INDEX tx_attempts_intent ON tx_attempts (intent_id, id);

-- The next nonce per sender, taken under a row lock.
CREATE TABLE nonce_ledger (
  chain_id    BIGINT NOT NULL,
  sender      TEXT   NOT NULL,
  next_nonce  BIGINT NOT NULL CHECK (next_nonce >= 0),
  PRIMARY KEY (chain_id, sender)
);
