-- Baseline of the seat-manager schema. Features add their own migrations after this one.
COMMENT ON SCHEMA public IS 'seat-manager: the control plane''s facts (seats, operations, audit)';
