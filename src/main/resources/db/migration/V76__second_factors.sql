-- A second factor for admins (issue 13, ASVS 4.0.3 V2.7, V2.8, V2.6): passkeys (WebAuthn), one-time
-- recovery codes, and a TOTP re-enrolment that does not switch the enrolled authenticator off while
-- the new one is unconfirmed.

-- A TOTP enrolment in progress: the enrolled secret (totp_secret) stays in force until the new one is
-- confirmed with a first code. Sealed like totp_secret (AES-256-GCM under SEAT_MANAGER_MFA_KEY).
ALTER TABLE users ADD COLUMN totp_pending_secret BYTEA;
-- The WebAuthn user handle: random, not the user id or name (WebAuthn §14.6.1), fixed per user.
ALTER TABLE users ADD COLUMN webauthn_user_handle BYTEA UNIQUE
  CHECK (webauthn_user_handle IS NULL OR length(webauthn_user_handle) = 32);

-- Registered passkeys. The public key is not a secret; the signature counter only moves forward.
CREATE TABLE webauthn_credentials (
  id               BIGSERIAL PRIMARY KEY,
  user_id          BIGINT      NOT NULL REFERENCES users (id),
  credential_id    BYTEA       NOT NULL UNIQUE CHECK (length(credential_id) BETWEEN 16 AND 1023),
  public_key_cose  BYTEA       NOT NULL,
  signature_count  BIGINT      NOT NULL CHECK (signature_count >= 0),
  label            TEXT        NOT NULL CHECK (length(label) BETWEEN 1 AND 64),
  created_at       TIMESTAMPTZ NOT NULL,
  last_used_at     TIMESTAMPTZ
);
CREATE INDEX webauthn_credentials_user ON webauthn_credentials (user_id);

-- Server-side WebAuthn challenges: bound to the session and user that asked, for one purpose, expiring,
-- and deleted by the one request that uses them (single use).
CREATE TABLE webauthn_challenges (
  id          TEXT        PRIMARY KEY CHECK (length(id) BETWEEN 32 AND 64),
  session_id  BIGINT      NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  user_id     BIGINT      NOT NULL REFERENCES users (id),
  purpose     TEXT        NOT NULL CHECK (purpose IN ('REGISTRATION', 'ASSERTION')),
  request     TEXT        NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL,
  expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX webauthn_challenges_expiry ON webauthn_challenges (expires_at);

-- One-time recovery codes: only a SHA-256 digest of each (the codes carry 118 random bits, so a fast
-- digest suffices: ASVS V2.6.2), each usable once (used_at).
CREATE TABLE recovery_codes (
  id          BIGSERIAL   PRIMARY KEY,
  user_id     BIGINT      NOT NULL REFERENCES users (id),
  code_digest BYTEA       NOT NULL CHECK (length(code_digest) = 32),
  created_at  TIMESTAMPTZ NOT NULL,
  used_at     TIMESTAMPTZ,
  UNIQUE (user_id, code_digest)
);
