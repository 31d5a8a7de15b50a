-- Each managed keystore has its own random password (issue 12), made by the key process and stored
-- here only sealed: AES-256-GCM under the key process's seal key, bound to the keystore's pubkey and
-- path. api and the database never see it in clear; `keys export` unseals it for one seat.
-- Keystores generated before this migration (under the old shared password) keep NULL here.
ALTER TABLE seat_bls_material
  ADD COLUMN sealed_password TEXT CHECK (sealed_password IS NULL OR sealed_password ~ '^v1:[A-Za-z0-9+/]+=*$');
