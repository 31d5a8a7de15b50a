-- Issue 15: a force-exit and a settlement wait for a second ADMIN too, as a deposit does.
ALTER TABLE approvals DROP CONSTRAINT approvals_action_check;
ALTER TABLE approvals ADD CONSTRAINT approvals_action_check
  CHECK (action IN ('seat.deposit', 'seat.force_exit', 'seat.settle', 'executor.resume'));
