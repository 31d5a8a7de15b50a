package org.centurion.seatmanager.web.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.auth.Caller;
import org.centurion.seatmanager.ops.ApprovalService;
import org.centurion.seatmanager.ops.EmergencyPause;
import org.centurion.seatmanager.seats.SeatsFeature;
import org.centurion.seatmanager.seats.SeatReply;
import org.centurion.seatmanager.web.ApiError;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Where the two-person rule (issue 15) stops an irreversible action before it runs, for every door
 * (API route, console form, the CLI through the API): with SEAT_MANAGER_APPROVALS_REQUIRED above 1 the
 * request becomes a pending approval describing exactly what it will do, and the action runs only
 * when the last ADMIN approves ({@link #run}), with all of its own checks made again then.
 */
public final class ApprovalGate {
  private final ApprovalService approvals;
  private final SeatsFeature seats;
  private final EmergencyPause pause;

  public ApprovalGate(ApprovalService approvals, SeatsFeature seats, EmergencyPause pause) {
    this.approvals = approvals;
    this.seats = seats;
    this.pause = pause;
  }

  public ApprovalService approvals() {
    return approvals;
  }

  /** The pending approval the deposit became, or empty when one ADMIN is enough. */
  public Optional<ApprovalService.Approval> deposit(long seatId, Caller caller) {
    if (!approvals.needed()) {
      return Optional.empty();
    }
    Map<String, Object> seat = seats.queries().detail(seatId);
    String summary = "deposit 32 CTN (32000000000 gwei) for seat " + seatId + ": pubkey " + seat.get("pubkey") + ", vault "
        + seat.get("vault") + ", withdrawal credentials " + seat.get("withdrawalCredentials") + "; call: router.execute("
        + "depositContract, 32 CTN, deposit(pubkey, withdrawal_credentials, signature, deposit_data_root)), state now "
        + seat.get("state");
    return Optional.of(approvals.request(ApprovalService.SEAT_DEPOSIT, "seat:" + seatId, summary, Optional.empty(),
        userId(caller), caller.name()));
  }

  /** The pending approval the resume became, or empty when one ADMIN is enough. */
  public Optional<ApprovalService.Approval> resume(String reason, Caller caller) {
    if (!approvals.needed()) {
      return Optional.empty();
    }
    String why = EmergencyPause.validReason(reason);
    return Optional.of(approvals.request(ApprovalService.EXECUTOR_RESUME, "executor",
        "resume the executor (" + pause.current().describe() + "): it signs again", Optional.of(why),
        userId(caller), caller.name()));
  }

  /** Runs an APPROVED approval's action as the last approver; its own checks decide again. */
  public Object run(ApprovalService.Approval a, Caller approver) {
    switch (a.action()) {
      case ApprovalService.SEAT_DEPOSIT -> {
        long seatId = Long.parseLong(a.target().substring("seat:".length()));
        SeatReply reply = seats.runner().submit(JsonNodeFactory.instance.objectNode(), approver, true,
            (body, caller, tx) -> seats.funding().deposit(seatId, caller, tx, seats.requireFrontRunCheck()));
        return reply.body();
      }
      case ApprovalService.EXECUTOR_RESUME -> {
        return pause.resume(a.requestedBy() + " + " + approver.name(), a.reason().orElse("approved resume"));
      }
      default -> throw new IllegalStateException("no action for approval kind " + a.action());
    }
  }

  /** The 202 answer of a request that became a pending approval. */
  public static Map<String, Object> pendingAnswer(ApprovalService.Approval a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("approval", a);
    m.put("message", "waiting for " + (a.required() - a.approvedBy().size()) + " more ADMIN approval(s): POST /v1/approvals/"
        + a.id() + "/approve");
    return m;
  }

  private static long userId(Caller caller) {
    return caller.userId().orElseThrow(() -> ApiError.forbidden("IDENTITY_NOT_ALLOWED", "sessions only"));
  }
}
