package org.centurion.seatmanager.ops;

import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The bad-day tools of the executor (issue 15) as the API and the console use them: the emergency
 * pause and the operations admin (list, detail, retry, cancel). The routes themselves are listed in
 * {@code web.routes.RouteRegistry}.
 */
public final class OpsFeature {
  private final EmergencyPause pause;
  private final OperationAdmin operations;

  private final ApprovalService approvals;

  /** @param approvalsRequired distinct ADMINs a deposit or resume needs (SEAT_MANAGER_APPROVALS_REQUIRED) */
  public OpsFeature(Jdbi jdbi, org.centurion.seatmanager.alerts.AlertService alerts, Clock clock, boolean writesEnabled,
      Map<OperationKind, OperationOutcomes> outcomes, int approvalsRequired, java.time.Duration approvalTtl) {
    this.pause = new EmergencyPause(jdbi, alerts, clock);
    this.approvals = new ApprovalService(jdbi, clock, approvalsRequired, approvalTtl);
    this.operations = new OperationAdmin(jdbi, clock, writesEnabled, outcomes);
  }

  public EmergencyPause pause() {
    return pause;
  }

  public ApprovalService approvals() {
    return approvals;
  }

  public OperationAdmin operations() {
    return operations;
  }
}
