-- The audit chain's verifications, newest last (issue 18): walking 1,000,000 rows takes seconds, so the
-- console's audit page shows the last check (when, result, rows, how long) and walks the chain only when an
-- admin asks. A display of past results: the authoritative check stays `audit verify` against the anchors.
CREATE TABLE audit_chain_checks (
    id              BIGSERIAL PRIMARY KEY,
    checked_at      TIMESTAMPTZ NOT NULL,
    took_ms         BIGINT NOT NULL,
    intact          BOOLEAN NOT NULL,
    rows_checked    BIGINT NOT NULL,
    first_broken_id BIGINT,
    code            TEXT,
    problem         TEXT,
    anchors_checked INTEGER NOT NULL,
    checked_by      TEXT NOT NULL
);
