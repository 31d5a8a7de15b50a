package org.centurion.seatmanager.evidence;

import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.beacon.BeaconClient;
import org.centurion.seatmanager.beacon.FinalityCheckpoint;
import org.centurion.seatmanager.chain.BlockHeader;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.operator.EnrollmentKey;
import org.centurion.seatmanager.ops.OperationAdmin;
import org.centurion.seatmanager.seats.SeatQueries;
import org.jdbi.v3.core.Jdbi;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import tools.jackson.databind.json.JsonMapper;

/**
 * One seat's evidence as a signed bundle (issue 15): the seat, its evidence rows, its operations
 * with their intents and signed attempts, the receipts of its mined transactions, the approvals
 * and audit rows that touched it, and the chain heads seen at export, signed with the deployment's
 * Ed25519 key ({@link EnrollmentKey#signDocument}) so that {@link EvidenceVerifier} checks it
 * offline. A chain endpoint that cannot answer is named in the bundle, never a reason to export less.
 */
public final class SeatEvidenceExport {
  private static final HexFormat HEX = HexFormat.of();

  private final Jdbi jdbi;
  private final SeatQueries seats;
  private final OperationAdmin operations;
  private final List<ExecutionClient> execution;
  private final List<BeaconClient> beacon;
  private final Clock clock;

  public SeatEvidenceExport(Jdbi jdbi, SeatQueries seats, OperationAdmin operations, List<ExecutionClient> execution,
      List<BeaconClient> beacon, Clock clock) {
    this.jdbi = jdbi;
    this.seats = seats;
    this.operations = operations;
    this.execution = List.copyOf(execution);
    this.beacon = List.copyOf(beacon);
    this.clock = clock;
  }

  /** The signed bundle (a compact JWS) of the seat, exported by {@code actor}. */
  public String export(long seatId, String actor, EnrollmentKey key) {
    return key.signDocument(EvidenceBundle.TYPE, JsonMapper.builder().build().writeValueAsBytes(payload(seatId, actor)));
  }

  /** The bundle's content, before signing. */
  @SuppressWarnings("unchecked")
  Map<String, Object> payload(long seatId, String actor) {
    Map<String, Object> detail = seats.detail(seatId);
    List<Map<String, Object>> ops = new ArrayList<>();
    List<String> minedTxs = new ArrayList<>();
    for (Object o : (List<Object>) detail.getOrDefault("operations", List.of())) {
      long opId = ((Number) ((Map<String, Object>) o).get("id")).longValue();
      Map<String, Object> op = operations.detail(opId);
      ops.add(op);
      for (Object i : (List<Object>) op.getOrDefault("intents", List.of())) {
        Object mined = ((Map<String, Object>) i).get("minedTxHash");
        if (mined != null) {
          minedTxs.add(mined.toString());
        }
      }
    }
    Map<String, Object> seat = new LinkedHashMap<>(detail);
    seat.remove("operations");
    Object evidence = seat.remove("evidence");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", EvidenceBundle.FORMAT);
    m.put("seatId", seatId);
    m.put("exportedAt", clock.instant().toString());
    m.put("exportedBy", actor);
    m.put("seat", seat);
    m.put("evidence", evidence);
    m.put("operations", ops);
    m.put("receipts", receipts(minedTxs));
    m.put("approvals", approvals(seatId));
    m.put("audit", audit(seatId, ops.stream().map(op -> ((Number) op.get("id")).longValue()).toList()));
    m.put("chainHeads", chainHeads());
    return m;
  }

  private List<Map<String, Object>> approvals(long seatId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, action, target, summary, reason, requested_by, required, status,"
            + " created_at, expires_at, decided_at, (SELECT string_agg(username || ' ' || decision, ', ' ORDER BY at)"
            + " FROM approval_votes v WHERE v.approval_id = a.id) AS votes FROM approvals a WHERE target = :t ORDER BY id")
        .bind("t", "seat:" + seatId).mapToMap().list().stream().map(SeatEvidenceExport::strings).toList());
  }

  /** Every audit row whose target is the seat, one of its operations, or one of its approvals. */
  private List<Map<String, Object>> audit(long seatId, List<Long> opIds) {
    List<String> exact = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    exact.add("seat:" + seatId);
    for (long id : opIds) {
      exact.add("operation:" + id);
      prefixes.add("operation:" + id + " %");
    }
    return jdbi.withHandle(h -> h.createQuery("SELECT id, at, actor, auth_kind, role, action, target, result, reason,"
            + " request_id, client_ip, prev_hash, hash FROM audit_log WHERE target = ANY(:exact) OR target LIKE ANY(:prefixes)"
            + " OR target IN (SELECT 'approval:' || id FROM approvals WHERE target = :seat) ORDER BY id")
        .bindArray("exact", String.class, exact).bindArray("prefixes", String.class, prefixes).bind("seat", "seat:" + seatId)
        .mapToMap().list().stream().map(SeatEvidenceExport::strings).toList());
  }

  private List<Map<String, Object>> receipts(List<String> txHashes) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String tx : txHashes) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("txHash", tx);
      if (execution.isEmpty()) {
        r.put("unavailable", "no execution endpoint configured");
      } else {
        ExecutionClient c = execution.get(0);
        try {
          Optional<TransactionReceipt> receipt = c.receipt(tx);
          r.put("endpoint", c.label());
          if (receipt.isPresent()) {
            TransactionReceipt t = receipt.get();
            r.put("status", t.getStatus());
            r.put("blockNumber", t.getBlockNumber().toString());
            r.put("blockHash", t.getBlockHash());
            r.put("gasUsed", t.getGasUsed().toString());
            r.put("logs", t.getLogs().stream().map(l -> Map.of("address", l.getAddress(), "topics", l.getTopics(),
                "data", l.getData())).toList());
          } else {
            r.put("unavailable", "the endpoint has no receipt for it");
          }
        } catch (RuntimeException e) {
          r.put("unavailable", c.label() + ": " + e.getMessage());
        }
      }
      out.add(r);
    }
    return out;
  }

  private Map<String, Object> chainHeads() {
    List<Map<String, Object>> el = new ArrayList<>();
    for (ExecutionClient c : execution) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("endpoint", c.label());
      try {
        BigInteger n = c.blockNumber();
        BlockHeader b = c.block(n);
        e.put("blockNumber", b.number().toString());
        e.put("blockHash", b.hash());
      } catch (RuntimeException ex) {
        e.put("unavailable", ex.getMessage());
      }
      el.add(e);
    }
    List<Map<String, Object>> cl = new ArrayList<>();
    for (BeaconClient c : beacon) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("endpoint", c.label());
      try {
        FinalityCheckpoint f = c.finality();
        e.put("finalizedEpoch", f.finalizedEpoch());
        e.put("finalizedRoot", f.finalizedRoot());
        e.put("headSlot", c.headSlot());
      } catch (RuntimeException ex) {
        e.put("unavailable", ex.getMessage());
      }
      cl.add(e);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("execution", el);
    m.put("beacon", cl);
    return m;
  }

  /** A row with JSON-friendly values: bytes as 0x-hex, times and numbers as text. */
  private static Map<String, Object> strings(Map<String, Object> row) {
    Map<String, Object> m = new LinkedHashMap<>();
    row.forEach((k, v) -> m.put(k, v == null ? null : v instanceof byte[] b ? "0x" + HEX.formatHex(b)
        : v instanceof Number || v instanceof Boolean ? v : v.toString()));
    return m;
  }
}
