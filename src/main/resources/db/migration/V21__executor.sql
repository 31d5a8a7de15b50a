-- Executor bookkeeping (transaction pipeline): why an intent is stuck or was dropped, and a fast way
-- to find the live intents the executor reconciles on every tick.
ALTER TABLE tx_intents ADD COLUMN last_error TEXT;
CREATE INDEX tx_intents_live ON tx_intents (chain_id, sender, nonce)
  WHERE status IN ('PREPARED', 'SIGNED', 'SENT', 'MINED');
