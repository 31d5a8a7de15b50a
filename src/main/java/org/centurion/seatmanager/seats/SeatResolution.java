package org.centurion.seatmanager.seats;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.auth.Caller;
import org.centurion.seatmanager.ops.OperationService;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.problem.ProblemKind;
import org.jdbi.v3.core.Jdbi;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * Resolving an EXCEPTION seat (issue 15): the seat goes back to the state the chain's evidence
 * supports now, read again from the execution and beacon endpoints (every one must agree), never
 * to a state the caller names. The written reason and the evidence read are on the seat's record
 * for good. What still contradicts the seat (withdrawal credentials that are not its vault, a
 * vault that no longer pays the treasury, a deposit for its pubkey that was not ours, a slashed
 * validator whose balance has not come back) leaves it in EXCEPTION, refused with that finding.
 */
public final class SeatResolution {
  private final Jdbi jdbi;
  private final SeatStore store;
  private final SeatGuards guards;
  private final SeatTransitions transitions;
  private final OperationService operations;

  SeatResolution(Jdbi jdbi, SeatStore store, SeatGuards guards, SeatTransitions transitions, OperationService operations) {
    this.jdbi = jdbi;
    this.store = store;
    this.guards = guards;
    this.transitions = transitions;
    this.operations = operations;
  }

  /** Where the evidence puts the seat, and what it read to say so. */
  record Finding(SeatState state, String evidence) {}

  /** The API's form: a body with exactly one field, {@code reason}; a state the caller names is refused. */
  public SeatReply resolve(long seatId, JsonNode body, Caller caller, SeatCommandRunner.Committer tx) {
    SeatInput.onlyFields(body, "reason");
    JsonNode reason = body.get("reason");
    return resolve(seatId, reason != null && reason.isString() ? reason.asString() : null, caller, tx);
  }

  public SeatReply resolve(long seatId, String reason, Caller caller, SeatCommandRunner.Committer tx) {
    // the one rule for written reasons (pause, resume, cancel, resolve): 1 to 500 printable characters
    String why = org.centurion.seatmanager.ops.EmergencyPause.validReason(reason);
    Seat seat = guards.seat(seatId);
    SeatGuards.requireState(seat, SeatState.EXCEPTION);
    guards.requireIdle(seatId);
    Finding found = supportedState(seat);
    String actor = SeatGuards.actor(caller);
    return tx.commit(h -> {
      Seat locked = guards.lockedIn(h, seatId, SeatState.EXCEPTION);
      transitions.move(h, seatId, SeatState.EXCEPTION, found.state(), Evidence.offChain("resolved from EXCEPTION ("
          + locked.exceptionReason().orElse("") + ") to " + found.state() + " on the evidence: " + found.evidence()
          + "; reason: " + why, actor));
      return SeatReply.done(SeatViews.seat(store.find(h, seatId).orElseThrow()));
    });
  }

  /** The state the chain supports for this EXCEPTION seat, or a refusal naming what still contradicts it. */
  Finding supportedState(Seat seat) {
    SeatChain chain = guards.chain();
    SeatExit.requireVaultBinding(chain, seat);
    Optional<BeaconReads.Validator> validator;
    try {
      validator = guards.beacon().agreedValidator(seat.pubkey());
    } catch (BeaconReads.BeaconDisagreementException e) {
      throw Problem.unavailable(ErrorCodes.BEACON_ENDPOINTS_DISAGREE, "no seat is resolved while beacon endpoints disagree: "
          + e.getMessage());
    }
    if (validator.isPresent()) {
      return onBeaconChain(seat, validator.get(), chain);
    }
    byte[] pubkey = Numeric.hexStringToByteArray(seat.pubkey());
    boolean ours = jdbi.withHandle(h -> SeatFunding.depositedEver(store.evidence(h, seat.id()), operations.forSeat(seat.id())));
    if (chain.depositLatched(pubkey)) {
      if (!ours) {
        throw unresolved(seat, "the deposit contract has a deposit for this pubkey that seat-manager never sent: revoke the seat"
            + " (its allowlist intent is removed first) instead");
      }
      return new Finding(SeatState.DEPOSITED, "our deposit is on chain (the contract's pubkey latch is set); the beacon"
          + " endpoints do not know the validator yet");
    }
    if (ours) {
      throw unresolved(seat, "seat-manager recorded a deposit for this seat, but the deposit contract has none for its pubkey");
    }
    SeatChain.AllowlistState allowlist = chain.allowlistState(pubkey, Numeric.hexStringToByteArray(seat.withdrawalCredentials()));
    if (allowlist.intentActive()) {
      return new Finding(SeatState.ALLOWLISTED, "the allowlist intent is active on chain (epoch " + allowlist.epoch()
          + "), no deposit for the pubkey");
    }
    if (seat.depositDataRoot().isPresent()) {
      return new Finding(SeatState.DATA_VERIFIED, "verified deposit data on record, no allowlist intent active on chain,"
          + " no deposit for the pubkey");
    }
    return new Finding(SeatState.CREATED, "no deposit data on record, no allowlist intent, no deposit for the pubkey");
  }

  private Finding onBeaconChain(Seat seat, BeaconReads.Validator v, SeatChain chain) {
    String seen = "validator " + v.status() + (v.slashed() ? " (slashed)" : "") + ", balance " + v.balanceGwei()
        + " gwei, on every beacon endpoint";
    if (!v.withdrawalCredentials().equalsIgnoreCase(seat.withdrawalCredentials())) {
      throw unresolved(seat, "the beacon chain holds the validator with withdrawal credentials " + v.withdrawalCredentials()
          + ", not the seat's vault (" + seat.withdrawalCredentials() + "): its principal would not come back to the vault");
    }
    String status = v.status().toLowerCase(Locale.ROOT);
    if (v.slashed() || status.endsWith("_slashed")) {
      // a slashed validator is exited by the chain; its remaining balance reaches the vault at withdrawal_done
      if (!status.equals("withdrawal_done")) {
        throw unresolved(seat, "the validator is slashed and " + v.status() + ": its remaining balance reaches the vault at"
            + " withdrawal_done; resolve then, and settle with the shortfall");
      }
      return afterWithdrawal(seat, chain, seen);
    }
    if (status.startsWith("pending")) {
      return new Finding(SeatState.SEEN_BY_CL, seen);
    }
    if (status.equals("active_ongoing") || status.equals("active")) {
      return new Finding(SeatState.ACTIVE, seen);
    }
    if (status.equals("withdrawal_done")) {
      return afterWithdrawal(seat, chain, seen);
    }
    return new Finding(SeatState.EXIT_REQUESTED, seen); // active_exiting, exited_unslashed, withdrawal_possible
  }

  /** A withdrawn validator: EXITED, or SETTLING when a settlement is already proposed on the vault. */
  private Finding afterWithdrawal(Seat seat, SeatChain chain, String seen) {
    if (chain.vaultPhase(seat.vaultAddress()).signum() != 0) {
      throw unresolved(seat, "the vault is already in its exit-settlement phase, settled outside seat-manager's record:"
          + " the amounts paid are on chain (SettlementFinalized); this seat is not resolved automatically");
    }
    java.math.BigInteger readyAt = chain.settlementReadyAt(seat.vaultAddress());
    if (readyAt.signum() != 0) {
      return new Finding(SeatState.SETTLING, seen + "; a settlement is proposed on the vault, ready at " + readyAt);
    }
    return new Finding(SeatState.EXITED, seen + "; the vault is not settled");
  }

  private static Problem unresolved(Seat seat, String finding) {
    return new Problem(ProblemKind.CONFLICT, ErrorCodes.EXCEPTION_UNRESOLVED, "seat " + seat.id() + " stays in EXCEPTION: "
        + finding, List.of(Map.of("exceptionReason", seat.exceptionReason().orElse(""))));
  }
}
