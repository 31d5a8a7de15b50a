-- The CL watcher's memory of exit requests: the finalized epoch at which it first saw the seat in
-- EXIT_REQUESTED, so that an exit the beacon chain does not act on within N epochs raises an alert.
CREATE TABLE cl_exit_watch (
  seat_id           BIGINT      PRIMARY KEY,
  first_seen_epoch  BIGINT      NOT NULL CHECK (first_seen_epoch >= 0),
  first_seen_at     TIMESTAMPTZ NOT NULL
);
