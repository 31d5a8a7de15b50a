package org.centurion.seatmanager.seats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.ops.Operation;

/** The JSON shapes of seats, evidence and operations. Numbers in wei are strings (they exceed 2^53). */
public final class SeatViews {
  private SeatViews() {}

  public static Map<String, Object> seat(Seat s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("state", s.state().name());
    m.put("operatorId", s.operatorId());
    m.put("beneficiary", s.beneficiary());
    m.put("pubkey", s.pubkey());
    m.put("vault", s.vaultAddress());
    m.put("withdrawalCredentials", s.withdrawalCredentials());
    m.put("exceptionReason", s.exceptionReason().orElse(null));
    m.put("depositDataRoot", s.depositDataRoot().orElse(null));
    m.put("intentEpoch", s.intentEpoch().map(Object::toString).orElse(null));
    m.put("principalReturnedWei", s.principalReturnedWei().map(Object::toString).orElse(null));
    // issue 15: what the settlement did not bring back of the 32 CTN (a slashed validator), null before it
    m.put("principalShortfallWei", s.principalReturnedWei()
        .map(p -> SeatAbi.SEAT_DEPOSIT_WEI.subtract(p).max(java.math.BigInteger.ZERO).toString()).orElse(null));
    m.put("beneficiaryShareWei", s.beneficiaryShareWei().map(Object::toString).orElse(null));
    m.put("createdAt", s.createdAt().toString());
    m.put("updatedAt", s.updatedAt().toString());
    return m;
  }

  public static Map<String, Object> evidence(SeatStore.EvidenceRow r) {
    Map<String, Object> m = new LinkedHashMap<>();
    Evidence e = r.evidence();
    m.put("id", r.id());
    m.put("from", r.from().map(Enum::name).orElse(null));
    m.put("to", r.to().name());
    m.put("txHash", e.txHash().orElse(null));
    m.put("blockNumber", e.blockNumber().orElse(null));
    m.put("blockHash", e.blockHash().orElse(null));
    m.put("event", e.event().orElse(null));
    m.put("beaconStateId", e.beaconStateId().orElse(null));
    m.put("epoch", e.epoch().orElse(null));
    m.put("slot", e.slot().orElse(null));
    m.put("headerRoot", e.headerRoot().orElse(null));
    m.put("detail", e.detail().orElse(null));
    m.put("actor", e.actor());
    m.put("observedAt", r.observedAt().toString());
    return m;
  }

  public static Map<String, Object> operation(Operation o) {
    Map<String, Object> m = org.centurion.seatmanager.ops.OperationViews.fields(o);
    m.put("lastReorg", o.lastReorg().orElse(null));
    m.put("createdAt", o.createdAt().toString());
    return m;
  }

  public static Map<String, Object> seatDetail(Seat s, List<SeatStore.EvidenceRow> evidence, List<Operation> ops) {
    Map<String, Object> m = seat(s);
    m.put("evidence", evidence.stream().map(SeatViews::evidence).toList());
    m.put("operations", ops.stream().map(SeatViews::operation).toList());
    return m;
  }
}
