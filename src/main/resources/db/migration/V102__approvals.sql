-- Two-person approval (issue 15): an irreversible action requested by one ADMIN waits here until
-- SEAT_MANAGER_APPROVALS_REQUIRED distinct ADMINs (the requester included) approved it, each with
-- step-up, or one rejects it, or it expires. What it will do is stored with it, for the approvers.
CREATE TABLE approvals (
  id              BIGSERIAL   PRIMARY KEY,
  action          TEXT        NOT NULL CHECK (action IN ('seat.deposit', 'executor.resume')),
  target          TEXT        NOT NULL,
  summary         TEXT        NOT NULL,
  reason          TEXT,
  requested_by    TEXT        NOT NULL,
  requested_by_id BIGINT      NOT NULL,
  required        INTEGER     NOT NULL CHECK (required >= 2),
  status          TEXT        NOT NULL DEFAULT 'PENDING'
                  CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED')),
  created_at      TIMESTAMPTZ NOT NULL,
  expires_at      TIMESTAMPTZ NOT NULL,
  decided_at      TIMESTAMPTZ
);
CREATE UNIQUE INDEX approvals_one_pending_per_target ON approvals (action, target) WHERE status = 'PENDING';

CREATE TABLE approval_votes (
  approval_id BIGINT      NOT NULL REFERENCES approvals (id),
  user_id     BIGINT      NOT NULL,
  username    TEXT        NOT NULL,
  decision    TEXT        NOT NULL CHECK (decision IN ('APPROVE', 'REJECT')),
  at          TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (approval_id, user_id)
);
