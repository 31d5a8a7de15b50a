package org.centurion.seatmanager.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import static org.centurion.seatmanager.seats.SeatAbi.address;
import static org.centurion.seatmanager.seats.SeatAbi.bytes;
import static org.centurion.seatmanager.seats.SeatAbi.bytes32;
import static org.centurion.seatmanager.seats.SeatAbi.uint64;

import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.deposit.DepositDataEntry;
import org.centurion.seatmanager.deposit.VerificationReport;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.problem.ProblemKind;
import org.centurion.seatmanager.auth.Caller;
import org.centurion.seatmanager.ops.NewOperation;
import org.centurion.seatmanager.ops.Operation;
import org.centurion.seatmanager.ops.OperationKind;
import org.centurion.seatmanager.ops.OperationService;
import org.centurion.seatmanager.ops.RouterCall;
import org.jdbi.v3.core.Jdbi;
import org.web3j.utils.Numeric;

/** Approve (allowlist intent), deposit (32 CTN after the pre-funding checklist) and revoke. */
public final class SeatFunding {
  private final Jdbi jdbi;
  private final SeatStore store;
  private final SeatGuards guards;
  private final SeatTransitions transitions;
  private final OperationService operations;
  private final SeatDepositData depositData;
  private final Clock clock;

  SeatFunding(Jdbi jdbi, SeatStore store, SeatGuards guards, SeatTransitions transitions, OperationService operations,
      SeatDepositData depositData, Clock clock) {
    this.jdbi = jdbi;
    this.store = store;
    this.guards = guards;
    this.transitions = transitions;
    this.operations = operations;
    this.depositData = depositData;
    this.clock = clock;
  }

  public SeatReply approve(long seatId, Caller caller, SeatCommandRunner.Committer tx) {
    Seat seat = guards.seat(seatId);
    SeatGuards.requireState(seat, SeatState.DATA_VERIFIED);
    guards.requireIdle(seatId);
    guards.requireNoHold(seatId);
    SeatChain chain = guards.chain();
    SeatChainSettings s = chain.settings();
    String admin = chain.allowlistAdmin();
    if (!admin.equals(s.router())) {
      throw Problem.conflict(ErrorCodes.ALLOWLIST_ADMIN_NOT_ROUTER,
          "the deposit contract's allowlist admin is " + admin + ", not the configured router; no intent can be written");
    }
    byte[] pubkey = Numeric.hexStringToByteArray(seat.pubkey());
    byte[] wc = Numeric.hexStringToByteArray(seat.withdrawalCredentials());
    if (chain.intentActive(pubkey, wc)) {
      throw Problem.conflict(ErrorCodes.INTENT_ALREADY_ACTIVE, "an allowlist intent for this seat is already active on chain");
    }
    BigInteger epoch = chain.allowlistEpoch();
    String actor = SeatGuards.actor(caller);
    return tx.commit(h -> {
      guards.lockedIn(h, seatId, SeatState.DATA_VERIFIED);
      store.storeIntentEpoch(h, seatId, epoch);
      Operation op = operations.enqueue(h, new NewOperation(Optional.of(seatId), OperationKind.ADD_ALLOWLIST_INTENT,
          new RouterCall(s.depositContract(), BigInteger.ZERO, SeatAbi.encode(SeatAbi.ADD_ALLOWED_DEPOSIT_FOR,
              bytes(pubkey), bytes(wc), uint64(SeatAbi.SEAT_DEPOSIT_GWEI), address(s.router()))),
          clock.instant(), actor));
      return queued(h, seatId, op);
    });
  }

  public SeatReply deposit(long seatId, Caller caller, SeatCommandRunner.Committer tx, FrontRunCheck frontRun) {
    Seat seat = guards.seat(seatId);
    SeatGuards.requireState(seat, SeatState.ALLOWLISTED);
    guards.requireIdle(seatId);
    guards.requireNoHold(seatId);
    SeatChain chain = guards.chain();
    SeatChainSettings s = chain.settings();
    String file = jdbi.withHandle(h -> store.depositData(h, seatId)).orElseThrow(
        () -> new IllegalStateException("seat " + seatId + " is ALLOWLISTED without deposit data"));
    List<Map<String, Object>> failed = new ArrayList<>();
    VerificationReport report = depositData.reverify(seat, file);
    if (!report.passed()) {
      failed.add(check("DEPOSIT_DATA", report.failures().size() + " deposit-data check(s) fail on re-verification"));
    }
    byte[] pubkey = Numeric.hexStringToByteArray(seat.pubkey());
    byte[] wc = Numeric.hexStringToByteArray(seat.withdrawalCredentials());
    BigInteger epoch = chain.allowlistEpoch();
    if (seat.intentEpoch().isEmpty() || !seat.intentEpoch().get().equals(epoch)) {
      failed.add(check("INTENT_EPOCH", "the intent was written in epoch " + seat.intentEpoch().map(Object::toString)
          .orElse("?") + ", the contract is in epoch " + epoch));
    }
    if (!chain.intentActive(pubkey, wc)) {
      failed.add(check("INTENT_NOT_ACTIVE", "no active intent for (pubkey, credentials, 32 CTN, router) in epoch " + epoch));
    }
    if (chain.intentConsumed(pubkey, wc, epoch)) {
      failed.add(check("INTENT_CONSUMED", "the intent was already consumed"));
    }
    for (String p : chain.vaultProblems(pubkey, seat.beneficiary(), seat.vaultAddress())) {
      failed.add(check("VAULT_BINDING", p));
    }
    BigInteger treasury = chain.balance(s.router());
    if (treasury.compareTo(SeatAbi.SEAT_DEPOSIT_WEI) < 0) {
      failed.add(check("TREASURY_BALANCE", "the router holds " + treasury + " wei, less than 32 CTN"));
    }
    List<String> frontRun_ = frontRun.findings(seat.pubkey());
    if (!frontRun_.isEmpty()) {
      throw new Problem(ProblemKind.CONFLICT, ErrorCodes.DEPOSIT_FRONT_RUN, "someone has already deposited for this pubkey; the treasury will not",
          frontRun_.stream().map(f -> Map.<String, Object>of("finding", f)).toList());
    }
    if (!failed.isEmpty()) {
      throw new Problem(ProblemKind.REJECTED, ErrorCodes.PREFUNDING_CHECK_FAILED, failed.size() + " pre-funding check(s) failed", failed);
    }
    DepositDataEntry entry = depositData.storedEntry(file);
    String actor = SeatGuards.actor(caller);
    return tx.commit(h -> {
      guards.lockedIn(h, seatId, SeatState.ALLOWLISTED);
      Operation op = operations.enqueue(h, new NewOperation(Optional.of(seatId), OperationKind.DEPOSIT,
          new RouterCall(s.depositContract(), SeatAbi.SEAT_DEPOSIT_WEI, SeatAbi.encode(SeatAbi.DEPOSIT, bytes(pubkey),
              bytes(wc), bytes(entry.signature()), bytes32(entry.depositDataRoot()))),
          clock.instant(), actor));
      return queued(h, seatId, op);
    });
  }

  /** Revokes at once when no intent is active on chain; otherwise queues its removal (REVOKED on confirmation). */
  public SeatReply revoke(long seatId, Caller caller, SeatCommandRunner.Committer tx) {
    Seat seat = guards.seat(seatId);
    SeatGuards.requireState(seat, SeatState.CREATED, SeatState.DATA_VERIFIED, SeatState.ALLOWLISTED);
    guards.requireIdle(seatId);
    guards.requireNoHold(seatId);
    String actor = SeatGuards.actor(caller);
    byte[] pubkey = Numeric.hexStringToByteArray(seat.pubkey());
    byte[] wc = Numeric.hexStringToByteArray(seat.withdrawalCredentials());
    boolean intentActive = seat.state() == SeatState.ALLOWLISTED && guards.chain().intentActive(pubkey, wc);
    return tx.commit(h -> {
      Seat locked = guards.lockedIn(h, seatId, seat.state());
      if (!intentActive) {
        transitions.move(h, seatId, locked.state(), SeatState.REVOKED, Evidence.offChain(
            locked.state() == SeatState.ALLOWLISTED ? "revoked; the intent is no longer active on chain"
                : "revoked before any allowlist intent", actor));
        return SeatReply.done(SeatViews.seat(store.find(h, seatId).orElseThrow()));
      }
      SeatChainSettings s = guards.chain().settings();
      Operation op = operations.enqueue(h, new NewOperation(Optional.of(seatId), OperationKind.REMOVE_ALLOWLIST_INTENT,
          new RouterCall(s.depositContract(), BigInteger.ZERO, SeatAbi.encode(SeatAbi.REMOVE_ALLOWED_DEPOSIT_FOR,
              bytes(pubkey), bytes(wc), uint64(SeatAbi.SEAT_DEPOSIT_GWEI), address(s.router()))),
          clock.instant(), actor));
      return queued(h, seatId, op);
    });
  }

  SeatReply queued(org.jdbi.v3.core.Handle h, long seatId, Operation op) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seat", SeatViews.seat(store.find(h, seatId).orElseThrow()));
    m.put("operation", SeatViews.operation(op));
    return SeatReply.queued(m);
  }

  static Map<String, Object> check(String code, String detail) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("check", code);
    m.put("detail", detail);
    return m;
  }
}
