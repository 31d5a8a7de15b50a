package org.centurion.seatmanager.seats;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The SQL of the seats tables. Every method runs in the caller's handle (its transaction). */
public final class SeatStore {
  static final String COLUMNS = "id, operator_id, beneficiary, pubkey, vault_address, withdrawal_credentials, state, "
      + "exception_reason, deposit_data_root, intent_epoch, principal_returned_wei, beneficiary_share_wei, "
      + "created_at, updated_at";

  /** Filters of {@code GET /v1/seats}; every present one must match. */
  public record Filter(Optional<SeatState> state, Optional<String> operatorId, Optional<String> beneficiary,
      Optional<String> pubkey, Optional<String> vault, long afterId, int limit) {}

  /** A vault deployment waiting for the chain's verdict. */
  public record SeatRequest(long id, String operatorId, String beneficiary, String pubkey, String vaultAddress,
      long operationId, String status, String requestedBy) {}

  public record EvidenceRow(long id, Optional<SeatState> from, SeatState to, Evidence evidence, java.time.Instant observedAt) {}

  public Optional<Seat> find(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM seats WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> map(rs)).findOne();
  }

  /** The row locked for the rest of the transaction, so checks and the change see the same seat. */
  public Optional<Seat> lock(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM seats WHERE id = :id FOR UPDATE").bind("id", id)
        .map((rs, ctx) -> map(rs)).findOne();
  }

  public Optional<Seat> findByPubkey(Handle h, String pubkey) {
    return h.createQuery("SELECT " + COLUMNS + " FROM seats WHERE pubkey = :p").bind("p", pubkey)
        .map((rs, ctx) -> map(rs)).findOne();
  }

  /** The seats of those pubkeys that have one, by pubkey: one query for a whole range of deposit logs. */
  public java.util.Map<String, Seat> findByPubkeys(Handle h, java.util.Collection<String> pubkeys) {
    if (pubkeys.isEmpty()) {
      return java.util.Map.of();
    }
    java.util.Map<String, Seat> out = new java.util.HashMap<>();
    h.createQuery("SELECT " + COLUMNS + " FROM seats WHERE pubkey IN (<p>)").bindList("p", List.copyOf(pubkeys))
        .map((rs, ctx) -> map(rs)).forEach(s -> out.put(s.pubkey(), s));
    return out;
  }

  public List<Seat> list(Handle h, Filter f) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM seats WHERE id > :after");
    f.state().ifPresent(s -> sql.append(" AND state = :state"));
    f.operatorId().ifPresent(s -> sql.append(" AND operator_id = :operator"));
    f.beneficiary().ifPresent(s -> sql.append(" AND beneficiary = :beneficiary"));
    f.pubkey().ifPresent(s -> sql.append(" AND pubkey = :pubkey"));
    f.vault().ifPresent(s -> sql.append(" AND vault_address = :vault"));
    sql.append(" ORDER BY id LIMIT :limit");
    Query q = h.createQuery(sql.toString()).bind("after", f.afterId()).bind("limit", f.limit());
    f.state().ifPresent(s -> q.bind("state", s.name()));
    f.operatorId().ifPresent(s -> q.bind("operator", s));
    f.beneficiary().ifPresent(s -> q.bind("beneficiary", s));
    f.pubkey().ifPresent(s -> q.bind("pubkey", s));
    f.vault().ifPresent(s -> q.bind("vault", s));
    return q.map((rs, ctx) -> map(rs)).list();
  }

  /** Every seat in one of {@code states}, by id: one query for a watcher's whole round (not one per seat). */
  public List<Seat> inStates(Handle h, java.util.Collection<String> states) {
    return h.createQuery("SELECT " + COLUMNS + " FROM seats WHERE state IN (<states>) ORDER BY id")
        .bindList("states", List.copyOf(states))
        .map((rs, ctx) -> map(rs)).list();
  }

  public List<Seat> byBeneficiary(Handle h, String beneficiary) {
    return h.createQuery("SELECT " + COLUMNS + " FROM seats WHERE beneficiary = :b ORDER BY id").bind("b", beneficiary)
        .map((rs, ctx) -> map(rs)).list();
  }

  /** Seats and pending vault deployments an operator holds (REVOKED seats no longer count). */
  public int holdings(Handle h, String operatorId) {
    return h.createQuery("SELECT (SELECT count(*) FROM seats WHERE operator_id = :o AND state <> 'REVOKED') "
            + "+ (SELECT count(*) FROM seat_requests WHERE operator_id = :o AND status = 'PENDING')")
        .bind("o", operatorId).mapTo(Integer.class).one();
  }

  /** Serializes seat creation per operator and per pubkey, so the checks above cannot race. */
  public void lockKeys(Handle h, String operatorId, String pubkey) {
    h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('seat-operator:' || :o, 0))")
        .bind("o", operatorId).mapTo(Integer.class).one();
    h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('seat-pubkey:' || :p, 0))")
        .bind("p", pubkey).mapTo(Integer.class).one();
  }

  public boolean pubkeyTaken(Handle h, String pubkey) {
    return h.createQuery("SELECT EXISTS (SELECT 1 FROM seats WHERE pubkey = :p) "
            + "OR EXISTS (SELECT 1 FROM seat_requests WHERE pubkey = :p AND status = 'PENDING')")
        .bind("p", pubkey).mapTo(Boolean.class).one();
  }

  public SeatRequest insertRequest(Handle h, String operatorId, String beneficiary, String pubkey, String vault,
      long operationId, String requestedBy) {
    return h.createQuery("INSERT INTO seat_requests (operator_id, beneficiary, pubkey, vault_address, operation_id, "
            + "requested_by) VALUES (:o, :b, :p, :v, :op, :by) RETURNING id, operator_id, beneficiary, pubkey, "
            + "vault_address, operation_id, status, requested_by")
        .bindMap(Map.of("o", operatorId, "b", beneficiary, "p", pubkey, "v", vault, "op", operationId, "by", requestedBy))
        .map((rs, ctx) -> mapRequest(rs)).one();
  }

  public Optional<SeatRequest> requestForOperation(Handle h, long operationId) {
    return h.createQuery("SELECT id, operator_id, beneficiary, pubkey, vault_address, operation_id, status, requested_by "
            + "FROM seat_requests WHERE operation_id = :op FOR UPDATE")
        .bind("op", operationId).map((rs, ctx) -> mapRequest(rs)).findOne();
  }

  public Optional<SeatRequest> findRequest(Handle h, long id) {
    return h.createQuery("SELECT id, operator_id, beneficiary, pubkey, vault_address, operation_id, status, requested_by "
            + "FROM seat_requests WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> mapRequest(rs)).findOne();
  }

  /** Closes a PENDING request; false when it was already closed (the verdict is applied once). */
  public boolean closeRequest(Handle h, long id, String status, String failure) {
    return h.createUpdate("UPDATE seat_requests SET status = :s, failure = :f, updated_at = now() "
            + "WHERE id = :id AND status = 'PENDING'")
        .bind("id", id).bind("s", status).bind("f", failure).execute() == 1;
  }

  /** Inserts the seat in CREATED; the caller writes its evidence in the same transaction. */
  public Seat insertSeat(Handle h, SeatRequest r, String withdrawalCredentials) {
    return h.createQuery("INSERT INTO seats (request_id, operator_id, beneficiary, pubkey, vault_address, "
            + "withdrawal_credentials, state) VALUES (:r, :o, :b, :p, :v, :wc, 'CREATED') RETURNING " + COLUMNS)
        .bind("r", r.id()).bind("o", r.operatorId()).bind("b", r.beneficiary()).bind("p", r.pubkey())
        .bind("v", r.vaultAddress()).bind("wc", withdrawalCredentials)
        .map((rs, ctx) -> map(rs)).one();
  }

  public void storeDepositData(Handle h, long seatId, String file, String signature, String messageRoot,
      String dataRoot) {
    h.createUpdate("UPDATE seats SET deposit_data = :f, deposit_signature = :s, deposit_message_root = :m, "
            + "deposit_data_root = :d, updated_at = now() WHERE id = :id")
        .bind("id", seatId).bind("f", file).bind("s", signature).bind("m", messageRoot).bind("d", dataRoot).execute();
  }

  /** The stored deposit-cli file of the seat, as submitted. */
  public Optional<String> depositData(Handle h, long seatId) {
    return h.createQuery("SELECT deposit_data FROM seats WHERE id = :id").bind("id", seatId)
        .mapTo(String.class).findOne();
  }

  public void storeIntentEpoch(Handle h, long seatId, BigInteger epoch) {
    h.createUpdate("UPDATE seats SET intent_epoch = :e, updated_at = now() WHERE id = :id")
        .bind("id", seatId).bind("e", new BigDecimal(epoch)).execute();
  }

  public void storeSettlement(Handle h, long seatId, BigInteger principal, BigInteger beneficiaryShare) {
    h.createUpdate("UPDATE seats SET principal_returned_wei = :p, beneficiary_share_wei = :b, updated_at = now() "
            + "WHERE id = :id")
        .bind("id", seatId).bind("p", new BigDecimal(principal)).bind("b", new BigDecimal(beneficiaryShare)).execute();
  }

  public List<EvidenceRow> evidence(Handle h, long seatId) {
    return h.createQuery("SELECT * FROM seat_evidence WHERE seat_id = :s ORDER BY id").bind("s", seatId)
        .map((rs, ctx) -> new EvidenceRow(rs.getLong("id"),
            Optional.ofNullable(rs.getString("from_state")).map(SeatState::valueOf),
            SeatState.valueOf(rs.getString("to_state")),
            new Evidence(opt(rs, "tx_hash"), optLong(rs, "block_number"), opt(rs, "block_hash"), opt(rs, "event"),
                opt(rs, "beacon_state_id"), optLong(rs, "epoch"), optLong(rs, "slot"), opt(rs, "header_root"),
                opt(rs, "detail"), rs.getString("actor")),
            rs.getTimestamp("observed_at").toInstant()))
        .list();
  }

  /**
   * Whether the CL watcher's EXIT_IGNORED alert is open for the seat: its exit request was confirmed
   * but the validator is still active after the grace epochs (issue 15: the exit may be sent again).
   */
  boolean exitIgnored(Handle h, long seatId) {
    return h.createQuery("SELECT EXISTS (SELECT 1 FROM alerts WHERE dedupe_key = :k AND resolved_at IS NULL)")
        .bind("k", EXIT_IGNORED_KEY_PREFIX + seatId).mapTo(Boolean.class).one();
  }

  /** The dedupe key of a seat's EXIT_IGNORED alert, as {@code AlertSignal.forSeat} builds it. */
  static final String EXIT_IGNORED_KEY_PREFIX = "EXIT_IGNORED:seat:";

  void insertEvidence(Handle h, long seatId, Optional<SeatState> from, SeatState to, Evidence e) {
    h.createUpdate("INSERT INTO seat_evidence (seat_id, from_state, to_state, tx_hash, block_number, block_hash, event, "
            + "beacon_state_id, epoch, slot, header_root, detail, actor) VALUES (:seat, :from, :to, :tx, :bn, :bh, "
            + ":ev, :sid, :epoch, :slot, :root, :detail, :actor)")
        .bind("seat", seatId).bind("from", from.map(Enum::name).orElse(null)).bind("to", to.name())
        .bind("tx", e.txHash().orElse(null)).bind("bn", e.blockNumber().orElse(null))
        .bind("bh", e.blockHash().orElse(null)).bind("ev", e.event().orElse(null))
        .bind("sid", e.beaconStateId().orElse(null)).bind("epoch", e.epoch().orElse(null))
        .bind("slot", e.slot().orElse(null)).bind("root", e.headerRoot().orElse(null))
        .bind("detail", e.detail().orElse(null)).bind("actor", e.actor())
        .execute();
  }

  private static Optional<String> opt(ResultSet rs, String c) throws SQLException {
    return Optional.ofNullable(rs.getString(c));
  }

  private static Optional<Long> optLong(ResultSet rs, String c) throws SQLException {
    long v = rs.getLong(c);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  private static Optional<BigInteger> optBig(ResultSet rs, String c) throws SQLException {
    BigDecimal v = rs.getBigDecimal(c);
    return v == null ? Optional.empty() : Optional.of(v.toBigIntegerExact());
  }

  static SeatRequest mapRequest(ResultSet rs) throws SQLException {
    return new SeatRequest(rs.getLong("id"), rs.getString("operator_id"), rs.getString("beneficiary"),
        rs.getString("pubkey"), rs.getString("vault_address"), rs.getLong("operation_id"), rs.getString("status"),
        rs.getString("requested_by"));
  }

  static Seat map(ResultSet rs) throws SQLException {
    return new Seat(rs.getLong("id"), rs.getString("operator_id"), rs.getString("beneficiary"), rs.getString("pubkey"),
        rs.getString("vault_address"), rs.getString("withdrawal_credentials"), SeatState.valueOf(rs.getString("state")),
        opt(rs, "exception_reason"), opt(rs, "deposit_data_root"), optBig(rs, "intent_epoch"),
        optBig(rs, "principal_returned_wei"), optBig(rs, "beneficiary_share_wei"),
        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
  }
}
