-- The emergency pause (issue 15): one row that every executor instance reads right before each
-- signature. While paused, nothing new is signed anywhere; queued operations stay queued and the
-- watchers keep watching. Every change is also in the audit log (the API guard or the CLI records it).
CREATE TABLE executor_pause (
  id          SMALLINT    PRIMARY KEY CHECK (id = 1),
  paused      BOOLEAN     NOT NULL,
  reason      TEXT        CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 500),
  changed_by  TEXT        NOT NULL,
  changed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (NOT paused OR reason IS NOT NULL)
);
INSERT INTO executor_pause (id, paused, changed_by) VALUES (1, false, 'migration');
