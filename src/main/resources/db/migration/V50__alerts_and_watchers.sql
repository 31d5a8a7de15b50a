-- Alerts (issue 8): one row per occurrence of a condition. While a condition persists its open row is
-- bumped (count, last_seen); when the condition clears the row is resolved, and a recurrence opens a new row.
CREATE TABLE alerts (
  id           BIGSERIAL   PRIMARY KEY,
  source       TEXT        NOT NULL,
  kind         TEXT        NOT NULL,
  severity     TEXT        NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
  seat_id      BIGINT,
  dedupe_key   TEXT        NOT NULL,
  message      TEXT        NOT NULL,
  first_seen   TIMESTAMPTZ NOT NULL,
  last_seen    TIMESTAMPTZ NOT NULL,
  count        BIGINT      NOT NULL DEFAULT 1 CHECK (count >= 1),
  resolved_at  TIMESTAMPTZ,
  CHECK (resolved_at IS NULL OR resolved_at >= first_seen)
);
-- At most one open alert per condition: the upsert target of raise().
CREATE UNIQUE INDEX alerts_one_open_per_key ON alerts (dedupe_key) WHERE resolved_at IS NULL;
CREATE INDEX alerts_open_by_source ON alerts (source) WHERE resolved_at IS NULL;
CREATE INDEX alerts_seat ON alerts (seat_id, id) WHERE seat_id IS NOT NULL;

-- Where each watcher role stands: its cursor, the head it last saw, its lag, when it last succeeded.
CREATE TABLE watcher_cursors (
  role             TEXT        PRIMARY KEY,
  cursor_position  BIGINT      NOT NULL CHECK (cursor_position >= 0),
  head_position    BIGINT      NOT NULL CHECK (head_position >= 0),
  lag              BIGINT      NOT NULL CHECK (lag >= 0),
  holder           TEXT        NOT NULL,
  last_success_at  TIMESTAMPTZ NOT NULL,
  last_error       TEXT,
  last_error_at    TIMESTAMPTZ,
  updated_at       TIMESTAMPTZ NOT NULL
);

-- The EL deposit watcher's processed blocks (those holding deposit logs, and each range's last block):
-- a changed hash at a kept height is a reorg.
CREATE TABLE el_processed_blocks (
  block_number  BIGINT      PRIMARY KEY CHECK (block_number >= 0),
  block_hash    TEXT        NOT NULL CHECK (block_hash ~ '^0x[0-9a-f]{64}$'),
  processed_at  TIMESTAMPTZ NOT NULL
);

-- Every DepositEvent seen at confirmed depth, with what it was judged to be.
CREATE TABLE deposit_observations (
  id                      BIGSERIAL   PRIMARY KEY,
  block_number            BIGINT      NOT NULL,
  block_hash              TEXT        NOT NULL,
  tx_hash                 TEXT        NOT NULL,
  log_index               BIGINT      NOT NULL,
  pubkey                  TEXT        NOT NULL CHECK (pubkey ~ '^0x[0-9a-f]{96}$'),
  withdrawal_credentials  TEXT        NOT NULL CHECK (withdrawal_credentials ~ '^0x[0-9a-f]{64}$'),
  amount_gwei             BIGINT      NOT NULL,
  deposit_index           BIGINT      NOT NULL,
  sender                  TEXT,
  seat_id                 BIGINT,
  verdict                 TEXT        NOT NULL CHECK (verdict IN ('OURS', 'FRONT_RUN', 'FOREIGN')),
  reorged_at              TIMESTAMPTZ,
  observed_at             TIMESTAMPTZ NOT NULL,
  UNIQUE (tx_hash, log_index, block_hash)
);
CREATE INDEX deposit_observations_pubkey ON deposit_observations (pubkey);
CREATE INDEX deposit_observations_block ON deposit_observations (block_number) WHERE reorged_at IS NULL;
