-- Issue 13: staker keys are hashed under a key of their own (SEAT_MANAGER_STAKER_KEY_HMAC_SECRET), not
-- SESSION_HMAC_SECRET, so rotating the session secret no longer revokes them. Each row names the key that
-- hashed it (a public 16-hex-digit key id, never the key); NULL marks a row hashed under the session secret
-- before this migration, re-hashed under the staker-key secret on its first use.
ALTER TABLE staker_keys ADD COLUMN hmac_key_id text CHECK (hmac_key_id ~ '^[0-9a-f]{16}$');
