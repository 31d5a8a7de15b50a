-- Step-up tokens are single-use (issue 13, ASVS 4.0.3 V3.7.1 / V4.3): the first request that presents a
-- valid token records its id here, so a replay of the same token (from a log, a proxy, a second tab) is
-- refused. Rows are needed only until the token would have expired anyway; older ones are pruned.
CREATE TABLE step_up_consumed (
  token_id     TEXT PRIMARY KEY CHECK (length(token_id) BETWEEN 16 AND 64),
  user_id      BIGINT NOT NULL,
  consumed_at  TIMESTAMPTZ NOT NULL,
  expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX step_up_consumed_expiry ON step_up_consumed (expires_at);
