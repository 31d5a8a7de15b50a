-- The vault watcher's memory (issue 8). Reward sweeps (and exit proceeds) reach a vault without a
-- transaction or a log, so the watcher sees them as growth of the vault's totalLifetimeWei between two
-- of its rounds: each growth is one row of vault_inflows, and vault_watch keeps the last reading.
CREATE TABLE vault_watch (
  seat_id             BIGINT         PRIMARY KEY,
  vault_address       TEXT           NOT NULL CHECK (vault_address ~ '^0x[0-9a-f]{40}$'),
  last_block          BIGINT         NOT NULL CHECK (last_block >= 0),
  last_lifetime_wei   NUMERIC(78, 0) NOT NULL CHECK (last_lifetime_wei >= 0),
  last_inflow_at      TIMESTAMPTZ,
  -- when the watcher first saw the seat ACTIVE (null while it is not): the no-sweep clock starts here
  active_since        TIMESTAMPTZ,
  updated_at          TIMESTAMPTZ    NOT NULL
);

CREATE TABLE vault_inflows (
  id             BIGSERIAL      PRIMARY KEY,
  seat_id        BIGINT         NOT NULL,
  vault_address  TEXT           NOT NULL,
  -- the inflow happened after from_block and at or before to_block
  from_block     BIGINT         NOT NULL CHECK (from_block >= 0),
  to_block       BIGINT         NOT NULL CHECK (to_block > from_block),
  amount_wei     NUMERIC(78, 0) NOT NULL CHECK (amount_wei > 0),
  observed_at    TIMESTAMPTZ    NOT NULL
);
CREATE INDEX vault_inflows_seat ON vault_inflows (seat_id, id);
