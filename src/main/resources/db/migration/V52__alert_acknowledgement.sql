-- Acknowledging an alert (issue 8): who looked at it, when, and what they noted. An event alert (reorg,
-- front-running attempt, slashing, exit ignored) has no condition that clears by itself, so acknowledging
-- it also resolves it; a condition alert stays open until its condition clears.
ALTER TABLE alerts
  ADD COLUMN acknowledged_by   TEXT,
  ADD COLUMN acknowledged_at   TIMESTAMPTZ,
  ADD COLUMN acknowledge_note  TEXT CHECK (acknowledge_note IS NULL OR length(acknowledge_note) <= 500),
  ADD CONSTRAINT alerts_acknowledged_together CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL)),
  ADD CONSTRAINT alerts_note_needs_acknowledgement CHECK (acknowledge_note IS NULL OR acknowledged_by IS NOT NULL);
