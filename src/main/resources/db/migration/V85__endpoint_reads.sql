-- The last outcome of every kind of cross-checked read (issue 14): which endpoints agreed, at which
-- block, or why the read was refused. One row per read name; the dashboard's health shows them.
-- Endpoint labels only: never a URL, which may carry a provider key.
CREATE TABLE endpoint_reads (
  read_name    TEXT        PRIMARY KEY CHECK (length(read_name) BETWEEN 1 AND 100),
  agreed       BOOLEAN     NOT NULL,
  failure_code TEXT,
  block_number NUMERIC(78, 0),
  block_hash   TEXT,
  agreeing     TEXT        NOT NULL,
  others       TEXT        NOT NULL,
  detail       TEXT,
  checked_at   TIMESTAMPTZ NOT NULL,
  last_agreed_at TIMESTAMPTZ
);
