package org.centurion.seatmanager.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import static org.centurion.seatmanager.seats.SeatAbi.uint256;

import java.math.BigInteger;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.problem.ProblemKind;
import org.centurion.seatmanager.auth.Caller;
import org.centurion.seatmanager.ops.NewOperation;
import org.centurion.seatmanager.ops.Operation;
import org.centurion.seatmanager.ops.OperationKind;
import org.centurion.seatmanager.ops.OperationService;
import org.centurion.seatmanager.ops.RouterCall;
import org.web3j.utils.Numeric;

/** Force-exit (EIP-7002 through the vault) and settlement (propose now, finalize after the vault's delay). */
public final class SeatExit {
  private final SeatGuards guards;
  private final OperationService operations;
  private final SeatFunding replies;
  private final Clock clock;
  private final org.jdbi.v3.core.Jdbi jdbi;
  private final SeatStore store;

  SeatExit(org.jdbi.v3.core.Jdbi jdbi, SeatStore store, SeatGuards guards, OperationService operations, SeatFunding replies,
      Clock clock) {
    this.jdbi = jdbi;
    this.store = store;
    this.guards = guards;
    this.operations = operations;
    this.replies = replies;
    this.clock = clock;
  }

  /**
   * An exit request for an ACTIVE validator, or (issue 15) the same request sent again for an
   * EXIT_REQUESTED seat whose request the chain ignored (the CL watcher's EXIT_IGNORED alert is
   * open), with every check of the first one: the validator still active_ongoing on every endpoint,
   * old enough, the fee under the cap.
   */
  public SeatReply forceExit(long seatId, Caller caller, SeatCommandRunner.Committer tx) {
    Seat seat = guards.seat(seatId);
    SeatGuards.requireState(seat, SeatState.ACTIVE, SeatState.EXIT_REQUESTED);
    guards.requireIdle(seatId);
    guards.requireNoHold(seatId);
    if (seat.state() == SeatState.EXIT_REQUESTED && !jdbi.withHandle(h -> store.exitIgnored(h, seatId))) {
      throw Problem.conflict(ErrorCodes.EXIT_NOT_IGNORED, "an exit was already requested for seat " + seatId + "; it is sent"
          + " again only once the chain ignored it (an open EXIT_IGNORED alert, after SEAT_MANAGER_EXIT_IGNORED_EPOCHS"
          + " finalized epochs): nothing was sent");
    }
    BeaconReads.ExitReadiness ready;
    try {
      // every endpoint, not the first: a lying one must not get an exit (and its fee) sent too early
      ready = guards.beacon().exitReadiness(seat.pubkey()).orElseThrow(() -> Problem.conflict(
          ErrorCodes.VALIDATOR_NOT_ON_BEACON_CHAIN, "the beacon chain does not know this validator"));
    } catch (BeaconReads.BeaconDisagreementException e) {
      throw Problem.unavailable(ErrorCodes.BEACON_ENDPOINTS_DISAGREE, "no exit is sent while beacon endpoints disagree: " + e.getMessage());
    }
    BeaconReads.Validator v = ready.validator();
    if (!v.status().equals("active_ongoing")) {
      throw Problem.conflict(ErrorCodes.VALIDATOR_NOT_EXITABLE, "the validator is " + v.status() + ", not active_ongoing");
    }
    long current = ready.currentEpoch();
    long firstAllowed = v.activationEpoch() + ready.shardCommitteePeriod();
    if (current < firstAllowed) {
      // The consensus layer would drop the request silently and keep the fee.
      throw new Problem(ProblemKind.CONFLICT, ErrorCodes.EXIT_TOO_EARLY, "the validator may exit from epoch " + firstAllowed
          + " (activation " + v.activationEpoch() + " + SHARD_COMMITTEE_PERIOD); the current epoch is " + current,
          List.of(Map.of("firstAllowedEpoch", firstAllowed, "currentEpoch", current)));
    }
    SeatChain chain = guards.chain();
    requireVaultBinding(chain, seat);
    BigInteger fee = chain.exitRequestFeeWei(seat.vaultAddress());
    BigInteger cap = chain.settings().maxExitFeeWei();
    if (fee.compareTo(cap) > 0) {
      throw new Problem(ProblemKind.CONFLICT, ErrorCodes.EXIT_FEE_TOO_HIGH, "the EIP-7002 fee is " + fee + " wei, above the cap of " + cap
          + " wei (SEAT_MANAGER_MAX_EXIT_FEE_WEI)");
    }
    String actor = SeatGuards.actor(caller);
    return tx.commit(h -> {
      guards.lockedIn(h, seatId, seat.state());
      Operation op = operations.enqueue(h, new NewOperation(Optional.of(seatId), OperationKind.TRIGGER_EXIT,
          new RouterCall(seat.vaultAddress(), fee, SeatAbi.encode(SeatAbi.TRIGGER_VALIDATOR_EXIT)), clock.instant(), actor));
      return replies.queued(h, seatId, op);
    });
  }

  public SeatReply settle(long seatId, Caller caller, SeatCommandRunner.Committer tx) {
    Seat seat = guards.seat(seatId);
    SeatGuards.requireState(seat, SeatState.EXITED, SeatState.SETTLING);
    guards.requireIdle(seatId);
    guards.requireNoHold(seatId);
    SeatChain chain = guards.chain();
    requireVaultBinding(chain, seat);
    if (seat.state() == SeatState.SETTLING) {
      return retryFinalize(seat, caller, tx, chain);
    }
    if (chain.vaultPhase(seat.vaultAddress()).signum() != 0) {
      throw Problem.conflict(ErrorCodes.VAULT_ALREADY_SETTLED, "the vault is already in its exit-settlement phase");
    }
    if (chain.settlementReadyAt(seat.vaultAddress()).signum() != 0) {
      throw Problem.conflict(ErrorCodes.SETTLEMENT_ALREADY_PROPOSED, "a settlement is already proposed on the vault");
    }
    // The guard against a claim finalized just before the proposal: no more than what we saw.
    BigInteger maxRewardsClaimed = chain.rewardsClaimedWei(seat.vaultAddress());
    String actor = SeatGuards.actor(caller);
    return tx.commit(h -> {
      guards.lockedIn(h, seatId, SeatState.EXITED);
      Operation op = operations.enqueue(h, new NewOperation(Optional.of(seatId), OperationKind.PROPOSE_SETTLEMENT,
          new RouterCall(seat.vaultAddress(), BigInteger.ZERO,
              SeatAbi.encode(SeatAbi.PROPOSE_SETTLEMENT, uint256(maxRewardsClaimed))),
          clock.instant(), actor));
      SeatReply r = replies.queued(h, seatId, op);
      @SuppressWarnings("unchecked")
      Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) r.body());
      body.put("maxRewardsClaimedWei", maxRewardsClaimed.toString());
      return new SeatReply(r.outcome(), body);
    });
  }

  /**
   * A SETTLING seat whose finalization failed (e.g. sent before the vault's delay) gets a new
   * finalization, due when the vault says the settlement is ready.
   */
  private SeatReply retryFinalize(Seat seat, Caller caller, SeatCommandRunner.Committer tx, SeatChain chain) {
    BigInteger readyAt = chain.settlementReadyAt(seat.vaultAddress());
    if (readyAt.signum() == 0) {
      throw Problem.conflict(ErrorCodes.NO_SETTLEMENT_PROPOSED, "the vault has no settlement proposed; it may be finalized already");
    }
    String actor = SeatGuards.actor(caller);
    return tx.commit(h -> {
      guards.lockedIn(h, seat.id(), SeatState.SETTLING);
      Operation op = operations.enqueue(h, new NewOperation(Optional.of(seat.id()), OperationKind.FINALIZE_SETTLEMENT,
          new RouterCall(seat.vaultAddress(), BigInteger.ZERO, SeatAbi.encode(SeatAbi.FINALIZE_SETTLEMENT)),
          java.time.Instant.ofEpochSecond(readyAt.longValueExact()), actor));
      return replies.queued(h, seat.id(), op);
    });
  }

  /** CSM-01 on chain: the vault still pays the configured treasury before anything irreversible. */
  static void requireVaultBinding(SeatChain chain, Seat seat) {
    List<String> problems = chain.vaultProblems(Numeric.hexStringToByteArray(seat.pubkey()), seat.beneficiary(),
        seat.vaultAddress());
    if (!problems.isEmpty()) {
      throw new Problem(ProblemKind.REJECTED, ErrorCodes.VAULT_BINDING_FAILED, problems.size() + " vault check(s) failed",
          problems.stream().map(p -> Map.<String, Object>of("detail", p)).toList());
    }
  }
}
