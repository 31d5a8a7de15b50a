-- The executor never wedges (issue 20).
-- tick_failures: consecutive ticks on which starting the operation failed for a reason that may pass;
--   the dashboard calls the executor wedged when one keeps failing. Reset when it starts or is refused.
-- reorgs / last_reorg: a reorg took the operation's transaction out of the canonical chain after it had
--   been recorded as mined or settled; the operation went back IN_FLIGHT and says so here for good.
ALTER TABLE operations ADD COLUMN tick_failures INTEGER NOT NULL DEFAULT 0 CHECK (tick_failures >= 0);
ALTER TABLE operations ADD COLUMN reorgs INTEGER NOT NULL DEFAULT 0 CHECK (reorgs >= 0);
ALTER TABLE operations ADD COLUMN last_reorg TEXT;

-- What the executor leading for a sender last did: when it last ticked, and why it signs nothing new
-- (paused), so the dashboard can tell a running pipeline from a paused or absent one.
CREATE TABLE executor_heartbeat (
  chain_id       BIGINT      NOT NULL,
  sender         TEXT        NOT NULL CHECK (sender ~ '^0x[0-9a-f]{40}$'),
  last_tick_at   TIMESTAMPTZ NOT NULL,
  paused_reason  TEXT,
  PRIMARY KEY (chain_id, sender)
);
