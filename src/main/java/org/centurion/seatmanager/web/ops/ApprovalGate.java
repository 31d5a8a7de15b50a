package org.centurion.seatmanager.web.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.auth.Caller;
import org.centurion.seatmanager.ops.ApprovalService;
import org.centurion.seatmanager.ops.EmergencyPause;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.seats.SeatCommandRunner;
import org.centurion.seatmanager.seats.SeatNextActions;
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

  /**
   * The pending approval a seat write (deposit, force-exit, settlement) became, or empty when one
   * ADMIN is enough. Refused at once (INVALID_STATE) when the seat cannot take the action now, so
   * nobody is asked to approve what would be refused anyway; the action's own checks run again when
   * the last ADMIN approves.
   *
   * @param action {@link ApprovalService#SEAT_DEPOSIT}, {@link ApprovalService#SEAT_FORCE_EXIT} or {@link ApprovalService#SEAT_SETTLE}
   */
  public Optional<ApprovalService.Approval> seatAction(String action, long seatId, Caller caller) {
    if (!approvals.needed()) {
      return Optional.empty();
    }
    Map<String, Object> seat = seats.queries().detail(seatId);
    Object now = seat.get("nextActions") instanceof Map<?, ?> next ? next.get(nextActionOf(action)) : null;
    if (!SeatNextActions.ALLOWED.equals(now)) {
      throw Problem.conflict(ErrorCodes.INVALID_STATE, "no approval was requested: " + now);
    }
    return Optional.of(approvals.request(action, "seat:" + seatId, summary(action, seatId, seat), Optional.empty(),
        userId(caller), caller.name()));
  }

  /** Everything the write will do, for the ADMIN asked to approve it. */
  private static String summary(String action, long seatId, Map<String, Object> seat) {
    String state = ", state now " + seat.get("state");
    return switch (action) {
      case ApprovalService.SEAT_DEPOSIT -> "deposit 32 CTN (32000000000 gwei) for seat " + seatId + ": pubkey " + seat.get("pubkey")
          + ", vault " + seat.get("vault") + ", withdrawal credentials " + seat.get("withdrawalCredentials")
          + "; call: router.execute(depositContract, 32 CTN, deposit(pubkey, withdrawal_credentials, signature,"
          + " deposit_data_root))" + state;
      case ApprovalService.SEAT_FORCE_EXIT -> "request the exit of seat " + seatId + "'s validator " + seat.get("pubkey")
          + " through its vault " + seat.get("vault") + " (EIP-7002); call: router.execute(vault, the exit fee at signing,"
          + " at most SEAT_MANAGER_MAX_EXIT_FEE_WEI, triggerValidatorExit()); irreversible once the chain acts on it" + state;
      case ApprovalService.SEAT_SETTLE -> "settle seat " + seatId + "'s vault " + seat.get("vault") + ": call: router.execute(vault, 0,"
          + " proposeSettlement(rewards claimed so far)), then finalizeSettlement() after the vault's delay; principal first"
          + " (up to 32 CTN) to the principal destination, the rest to the beneficiary " + seat.get("beneficiary") + state;
      default -> throw new IllegalArgumentException("no seat approval for " + action);
    };
  }

  private static String nextActionOf(String action) {
    return switch (action) {
      case ApprovalService.SEAT_DEPOSIT -> "deposit";
      case ApprovalService.SEAT_FORCE_EXIT -> "force-exit";
      case ApprovalService.SEAT_SETTLE -> "settle";
      default -> throw new IllegalArgumentException("no seat approval for " + action);
    };
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

  /** What an ADMIN's decision on an approval did: the approval now, and the action's answer when it ran. */
  public record Decision(ApprovalService.Approval approval, Optional<Object> result) {
    /** The API's answer: {@code {"approval": …, "result": …}}. */
    public Map<String, Object> body() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("approval", approval);
      result.ifPresent(r -> m.put("result", r));
      return m;
    }
  }

  /**
   * An ADMIN's approval or rejection, for every door (the API route, the console's buttons); the last
   * approval runs the action at once as that ADMIN ({@link #run}).
   */
  public Decision decide(long approvalId, boolean approve, Caller caller) {
    long user = userId(caller);
    ApprovalService.Approval a = approve ? approvals.approve(approvalId, user, caller.name())
        : approvals.reject(approvalId, user, caller.name());
    if (!a.status().equals("APPROVED")) {
      return new Decision(a, Optional.empty());
    }
    return new Decision(a, Optional.of(run(a, caller)));
  }

  /** Runs an APPROVED approval's action as the last approver; its own checks decide again. */
  public Object run(ApprovalService.Approval a, Caller approver) {
    switch (a.action()) {
      case ApprovalService.SEAT_DEPOSIT -> {
        long seatId = seatOf(a);
        return submit(approver, (body, caller, tx) -> seats.funding().deposit(seatId, caller, tx, seats.requireFrontRunCheck()));
      }
      case ApprovalService.SEAT_FORCE_EXIT -> {
        long seatId = seatOf(a);
        return submit(approver, (body, caller, tx) -> seats.exit().forceExit(seatId, caller, tx));
      }
      case ApprovalService.SEAT_SETTLE -> {
        long seatId = seatOf(a);
        return submit(approver, (body, caller, tx) -> seats.exit().settle(seatId, caller, tx));
      }
      case ApprovalService.EXECUTOR_RESUME -> {
        return pause.resume(a.requestedBy() + " + " + approver.name(), a.reason().orElse("approved resume"));
      }
      default -> throw new IllegalStateException("no action for approval kind " + a.action());
    }
  }

  private static long seatOf(ApprovalService.Approval a) {
    return Long.parseLong(a.target().substring("seat:".length()));
  }

  /** The seat command as the last approver, through the same runner (write switch, CSM-01) as the route. */
  private Object submit(Caller approver, SeatCommandRunner.Command command) {
    SeatReply reply = seats.runner().submit(JsonNodeFactory.instance.objectNode(), approver, true, command);
    return reply.body();
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
