package org.centurion.seatmanager.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.auth.IdentityKind;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.auth.Caller;
import org.centurion.seatmanager.ops.OperationService;
import org.jdbi.v3.core.Jdbi;

/** The read side: seat lists and details for users, validator views for stakers (CSM-04). */
public final class SeatQueries {
  public static final int MAX_LIMIT = 500;

  private final Jdbi jdbi;
  private final SeatStore store;
  private final OperationService operations;
  private final Optional<SeatChain> chain;
  private final Optional<BeaconReads> beacon;

  SeatQueries(Jdbi jdbi, SeatStore store, OperationService operations, Optional<SeatChain> chain,
      Optional<BeaconReads> beacon) {
    this.jdbi = jdbi;
    this.store = store;
    this.operations = operations;
    this.chain = chain;
    this.beacon = beacon;
  }

  public Map<String, Object> list(Map<String, List<String>> query) {
    Optional<SeatState> state = param(query, "state").map(s -> {
      try {
        return SeatState.valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest(ErrorCodes.INVALID_FILTER, "unknown state " + (s.length() > 32 ? s.substring(0, 32) : s));
      }
    });
    Optional<String> operator = param(query, "operator").map(SeatInput::operatorId);
    Optional<String> beneficiary = param(query, "beneficiary").map(a -> SeatInput.address(a, "beneficiary"));
    Optional<String> pubkey = param(query, "pubkey").map(p -> {
      String k = p.toLowerCase(Locale.ROOT);
      if (!k.matches("0x[0-9a-f]{96}")) {
        throw Problem.badRequest(ErrorCodes.INVALID_FILTER, "pubkey must be 0x followed by 96 hex digits");
      }
      return k;
    });
    Optional<String> vault = param(query, "vault").map(a -> SeatInput.address(a, "vault"));
    int limit = param(query, "limit").map(l -> number(l, "limit", 1, MAX_LIMIT)).orElse(100L).intValue();
    long after = param(query, "after").map(l -> number(l, "after", 0, Long.MAX_VALUE)).orElse(0L);
    List<Seat> seats = jdbi.withHandle(h -> store.list(h, new SeatStore.Filter(state, operator, beneficiary, pubkey, vault,
        after, limit)));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("items", seats.stream().map(SeatViews::seat).toList());
    m.put("limit", limit);
    m.put("nextAfter", seats.size() == limit ? seats.get(seats.size() - 1).id() : null);
    return m;
  }

  public Map<String, Object> detail(long id) {
    return jdbi.withHandle(h -> {
      Seat s = store.find(h, id).orElseThrow(() -> Problem.notFound("no such seat"));
      List<SeatStore.EvidenceRow> evidence = store.evidence(h, id);
      List<org.centurion.seatmanager.ops.Operation> ops = operations.forSeat(id);
      Map<String, Object> m = SeatViews.seatDetail(s, evidence, ops);
      m.put("nextActions", SeatNextActions.of(s, ops, SeatFunding.depositedEver(evidence, ops), store.exitIgnored(h, id)));
      // issue 15: how many exit requests the chain confirmed (an ignored one may be sent again)
      m.put("exitRequestsSent", ops.stream().filter(o -> o.kind() == org.centurion.seatmanager.ops.OperationKind.TRIGGER_EXIT
          && o.status() == org.centurion.seatmanager.ops.OperationStatus.CONFIRMED).count());
      return m;
    });
  }

  /** The seat as stored, if there is one (the operator side reads its own seat through this). */
  public Optional<Seat> seat(long id) {
    return jdbi.withHandle(h -> store.find(h, id));
  }

  /** What the staker views show of a seat: beacon status and balance, vault balance, rewards claimed. */
  public Map<String, Object> validatorView(Seat s) {
    return stakerView(s);
  }

  public Map<String, Object> operations(long id) {
    if (jdbi.withHandle(h -> store.find(h, id)).isEmpty()) {
      throw Problem.notFound("no such seat");
    }
    return Map.of("items", operations.forSeat(id).stream().map(SeatViews::operation).toList());
  }

  /** The seats whose beneficiary is the address (the guard has already bound staker keys to it). */
  public Map<String, Object> validatorsOf(String rawAddress) {
    String address = SeatInput.address(rawAddress, "address");
    List<Seat> seats = jdbi.withHandle(h -> store.byBeneficiary(h, address));
    return Map.of("address", address, "items", seats.stream().map(this::stakerView).toList());
  }

  /**
   * CSM-04: a staker key reads a validator only when the seat's beneficiary is the address the key
   * is bound to (the guard has checked X-Staker-Address against the key already).
   */
  public Map<String, Object> validator(String rawPubkey, Caller caller) {
    String pubkey = rawPubkey.toLowerCase(Locale.ROOT);
    if (!pubkey.matches("0x[0-9a-f]{96}")) {
      throw Problem.badRequest(ErrorCodes.INVALID_PUBKEY, "pubkey must be 0x followed by 96 hex digits");
    }
    Seat seat = jdbi.withHandle(h -> store.findByPubkey(h, pubkey)).orElseThrow(() -> Problem.notFound("no such validator"));
    if (caller.kind() == IdentityKind.STAKER_KEY
        && !caller.stakerAddress().map(a -> a.toLowerCase(Locale.ROOT)).orElse("").equals(seat.beneficiary())) {
      throw Problem.forbidden(ErrorCodes.STAKER_ADDRESS_MISMATCH, "this validator's beneficiary is not the key's address");
    }
    return stakerView(seat);
  }

  private Map<String, Object> stakerView(Seat s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pubkey", s.pubkey());
    m.put("seatId", s.id());
    m.put("state", s.state().name());
    m.put("beneficiary", s.beneficiary());
    m.put("vault", s.vaultAddress());
    m.put("exitRequested", switch (s.state()) {
      case EXIT_REQUESTED, EXITED, SETTLING, SETTLED -> true;
      default -> false;
    });
    m.put("settled", s.state() == SeatState.SETTLED);
    beacon.ifPresent(b -> {
      try {
        Optional<BeaconReads.Validator> v = b.validator(s.pubkey());
        m.put("beaconStatus", v.map(BeaconReads.Validator::status).orElse("absent"));
        m.put("balanceGwei", v.map(x -> Long.toString(x.balanceGwei())).orElse(null));
      } catch (BeaconReads.BeaconUnavailableException e) {
        m.put("beaconStatus", "unavailable");
      }
    });
    chain.ifPresent(c -> {
      try {
        BigInteger balance = c.balance(s.vaultAddress());
        m.put("vaultBalanceWei", balance.toString());
        m.put("rewardsClaimedWei", c.rewardsClaimedWei(s.vaultAddress()).toString());
      } catch (RuntimeException e) {
        m.put("vaultBalanceWei", null);
      }
    });
    return m;
  }

  private static Optional<String> param(Map<String, List<String>> query, String name) {
    List<String> v = query.get(name);
    if (v == null || v.isEmpty()) {
      return Optional.empty();
    }
    if (v.size() > 1) {
      throw Problem.badRequest(ErrorCodes.INVALID_FILTER, name + " given more than once");
    }
    return Optional.of(v.get(0));
  }

  private static Long number(String raw, String name, long min, long max) {
    try {
      long n = Long.parseLong(raw);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw Problem.badRequest(ErrorCodes.INVALID_FILTER, name + " must be an integer from " + min + " to " + max);
    }
  }
}
