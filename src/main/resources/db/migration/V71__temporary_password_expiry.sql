-- Temporary passwords expire (issue 13, ASVS 4.0.3 V2.3.1): a password set by someone else (the CLI, an
-- ADMIN reset, POST /v1/users) is good for SEAT_MANAGER_TEMPORARY_PASSWORD_HOURS (default 24) and then
-- only an ADMIN reset helps. Temporary passwords already set when this migrates get a fresh day.
ALTER TABLE users ADD COLUMN password_temporary_until TIMESTAMPTZ;
UPDATE users SET password_temporary_until = now() + interval '24 hours' WHERE password_temporary;
ALTER TABLE users ADD CONSTRAINT users_temporary_has_expiry
  CHECK (NOT password_temporary OR password_temporary_until IS NOT NULL);
