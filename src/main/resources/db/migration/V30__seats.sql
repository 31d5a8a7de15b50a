-- Seats (issue 7): one validator bound to one vault and one beneficiary, its state machine and the
-- evidence of every transition, the vault deployments that precede a seat, and idempotent commands.

-- A vault deployment asked for but not yet judged by the chain. The seat exists only once the
-- deployed vault has been verified; until then the request holds what the seat will be.
CREATE TABLE seat_requests (
  id              BIGSERIAL PRIMARY KEY,
  operator_id     TEXT        NOT NULL CHECK (length(operator_id) BETWEEN 1 AND 128),
  beneficiary     TEXT        NOT NULL CHECK (beneficiary ~ '^0x[0-9a-f]{40}$'),
  pubkey          TEXT        NOT NULL CHECK (pubkey ~ '^0x[0-9a-f]{96}$'),
  vault_address   TEXT        NOT NULL CHECK (vault_address ~ '^0x[0-9a-f]{40}$'),
  operation_id    BIGINT      NOT NULL UNIQUE REFERENCES operations (id),
  status          TEXT        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SEATED', 'FAILED')),
  failure         TEXT,
  requested_by    TEXT        NOT NULL,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX seat_requests_one_pending_per_pubkey ON seat_requests (pubkey) WHERE status = 'PENDING';
CREATE INDEX seat_requests_operator ON seat_requests (operator_id) WHERE status = 'PENDING';

CREATE TABLE seats (
  id                      BIGSERIAL PRIMARY KEY,
  request_id              BIGINT      UNIQUE REFERENCES seat_requests (id),
  operator_id             TEXT        NOT NULL,
  beneficiary             TEXT        NOT NULL CHECK (beneficiary ~ '^0x[0-9a-f]{40}$'),
  pubkey                  TEXT        NOT NULL UNIQUE CHECK (pubkey ~ '^0x[0-9a-f]{96}$'),
  vault_address           TEXT        NOT NULL UNIQUE CHECK (vault_address ~ '^0x[0-9a-f]{40}$'),
  withdrawal_credentials  TEXT        NOT NULL CHECK (withdrawal_credentials ~ '^0x01[0]{22}[0-9a-f]{40}$'),
  state                   TEXT        NOT NULL CHECK (state IN ('CREATED', 'DATA_VERIFIED', 'ALLOWLISTED',
                            'DEPOSITED', 'SEEN_BY_CL', 'ACTIVE', 'EXIT_REQUESTED', 'EXITED', 'SETTLING',
                            'SETTLED', 'EXCEPTION', 'REVOKED')),
  exception_reason        TEXT,
  deposit_data            TEXT,
  deposit_signature       TEXT,
  deposit_message_root    TEXT,
  deposit_data_root       TEXT,
  intent_epoch            NUMERIC(78, 0),
  principal_returned_wei  NUMERIC(78, 0),
  beneficiary_share_wei   NUMERIC(78, 0),
  created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK ((state = 'EXCEPTION') = (exception_reason IS NOT NULL))
);
CREATE INDEX seats_operator ON seats (operator_id, id);
CREATE INDEX seats_beneficiary ON seats (beneficiary, id);
CREATE INDEX seats_state ON seats (state, id);

-- What moved a seat: the chain's or the beacon chain's word, never "sent".
CREATE TABLE seat_evidence (
  id               BIGSERIAL PRIMARY KEY,
  seat_id          BIGINT      NOT NULL REFERENCES seats (id),
  from_state       TEXT,
  to_state         TEXT        NOT NULL,
  tx_hash          TEXT,
  block_number     BIGINT,
  block_hash       TEXT,
  event            TEXT,
  beacon_state_id  TEXT,
  epoch            BIGINT,
  slot             BIGINT,
  header_root      TEXT,
  detail           TEXT,
  actor            TEXT        NOT NULL,
  observed_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX seat_evidence_seat ON seat_evidence (seat_id, id);

-- Idempotency-Key on seat POSTs: the response of the command that committed, replayed for the same
-- key and body; keyed by the concrete path so one key cannot replay another seat's answer.
CREATE TABLE seat_idempotency (
  idempotency_key  TEXT        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  route            TEXT        NOT NULL,
  actor            TEXT        NOT NULL,
  request_hash     TEXT        NOT NULL,
  response_status  INTEGER     NOT NULL,
  response_body    TEXT        NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (idempotency_key, route, actor)
);
