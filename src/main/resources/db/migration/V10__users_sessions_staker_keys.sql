-- Security core: users, sessions, staker API keys. Credentials are stored only as hashes:
-- passwords as Argon2id, session tokens and staker keys as HMAC-SHA256 under SESSION_HMAC_SECRET.
CREATE TABLE users (
  id                 bigserial PRIMARY KEY,
  username           text        NOT NULL,
  role               text        NOT NULL CHECK (role IN ('VIEWER', 'OPERATOR', 'ADMIN')),
  password_hash      text        NOT NULL,
  password_temporary boolean     NOT NULL,
  disabled           boolean     NOT NULL DEFAULT false,
  -- the lockout counter lives here so that it holds across API instances
  failed_logins      integer     NOT NULL DEFAULT 0,
  locked_until       timestamptz,
  totp_secret        bytea,
  totp_enabled       boolean     NOT NULL DEFAULT false,
  totp_last_counter  bigint,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  CONSTRAINT users_username_shape CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$')
);
CREATE UNIQUE INDEX users_username_key ON users (username);

CREATE TABLE sessions (
  id           bigserial PRIMARY KEY,
  user_id      bigint      NOT NULL REFERENCES users (id),
  token_hmac   bytea       NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  client_ip    text        NOT NULL
);
CREATE INDEX sessions_user_live ON sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE staker_keys (
  id             bigserial PRIMARY KEY,
  key_hmac       bytea       NOT NULL UNIQUE,
  staker_address text        NOT NULL CHECK (staker_address ~ '^0x[0-9a-fA-F]{40}$'),
  label          text        NOT NULL,
  expires_at     timestamptz,
  revoked_at     timestamptz,
  created_at     timestamptz NOT NULL,
  created_by     text        NOT NULL
);
