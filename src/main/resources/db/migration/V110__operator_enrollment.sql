-- The operator's side (issue 16): one-time enrollment tokens, operator API keys bound to one seat,
-- and voluntary-exit requests an ADMIN decides. Tokens are Ed25519 JWTs signed with the key in
-- SEAT_MANAGER_ENROLLMENT_KEY_FILE (never here); a row per token makes it one-time and revocable.
-- Operator API keys are stored only as HMAC-SHA256 under their own secret (SEAT_MANAGER_OPERATOR_KEY_HASH_SECRET).
CREATE TABLE enrollment_tokens (
  jti          uuid        PRIMARY KEY,
  seat_id      bigint      NOT NULL REFERENCES seats (id),
  operator_id  text        NOT NULL,
  beneficiary  text        NOT NULL CHECK (beneficiary ~ '^0x[0-9a-f]{40}$'),
  scopes       text[]      NOT NULL,
  key_id       text        NOT NULL,
  issued_at    timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  issued_by    text        NOT NULL,
  consumed_at  timestamptz,
  CHECK (expires_at > issued_at)
);
CREATE INDEX enrollment_tokens_seat ON enrollment_tokens (seat_id);

CREATE TABLE operator_api_keys (
  id          bigserial   PRIMARY KEY,
  key_hmac    bytea       NOT NULL UNIQUE,
  seat_id     bigint      NOT NULL REFERENCES seats (id),
  scopes      text[]      NOT NULL CHECK (scopes <@ ARRAY['status', 'claim', 'rotate_api_key', 'exit_request']::text[]),
  expires_at  timestamptz NOT NULL,
  created_at  timestamptz NOT NULL,
  created_by  text        NOT NULL,
  revoked_at  timestamptz,
  revoked_by  text,
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE INDEX operator_api_keys_seat_live ON operator_api_keys (seat_id) WHERE revoked_at IS NULL;

CREATE TABLE operator_exit_requests (
  id            bigserial   PRIMARY KEY,
  seat_id       bigint      NOT NULL REFERENCES seats (id),
  requested_by  text        NOT NULL,
  reason        text        NOT NULL,
  requested_at  timestamptz NOT NULL,
  status        text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ACCEPTED', 'DECLINED')),
  decided_by    text,
  decided_at    timestamptz,
  decision_note text,
  CHECK ((status = 'OPEN') = (decided_at IS NULL))
);
-- one open request per seat: asking twice is answered with the open one
CREATE UNIQUE INDEX operator_exit_requests_open ON operator_exit_requests (seat_id) WHERE status = 'OPEN';
