-- Issue 17: pushed alert notifications. The outbox: one row per alert event and receiver, queued by the
-- dispatcher from the alerts table (so raising an alert never waits on a receiver), delivered with
-- retries and backoff, its outcome recorded here.
CREATE TABLE webhook_deliveries (
  id               BIGSERIAL   PRIMARY KEY,
  receiver         TEXT        NOT NULL,
  alert_id         BIGINT      NOT NULL REFERENCES alerts (id),
  event            TEXT        NOT NULL CHECK (event IN ('firing', 'resolved')),
  status           TEXT        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
  attempts         INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  TIMESTAMPTZ NOT NULL,
  last_status      INTEGER,
  last_error       TEXT,
  created_at       TIMESTAMPTZ NOT NULL,
  delivered_at     TIMESTAMPTZ,
  UNIQUE (receiver, alert_id, event)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';

-- Where each receiver stands: alerts opened or resolved after its watermark are queued for it; a new
-- receiver starts at its first round (no flood of old alerts).
CREATE TABLE webhook_cursors (
  receiver    TEXT        PRIMARY KEY,
  started_at  TIMESTAMPTZ NOT NULL,
  since       TIMESTAMPTZ NOT NULL
);
