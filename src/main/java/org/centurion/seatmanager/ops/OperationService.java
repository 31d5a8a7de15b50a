package org.centurion.seatmanager.ops;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Records operations durably and reads them back. Executing them is {@code OperationExecutor}'s job. */
public final class OperationService {
  static final String COLUMNS = "id, seat_id, kind, status, target, value_wei, calldata, not_before, attempts, "
      + "last_error, requested_by, tx_hash, block_number, block_hash, created_at, updated_at, reorgs, last_reorg";

  private final Jdbi jdbi;

  public OperationService(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Inserts the operation in the caller's transaction, so it commits with the caller's own rows. */
  public Operation enqueue(Handle tx, NewOperation op) {
    return tx.createQuery("INSERT INTO operations (seat_id, kind, target, value_wei, calldata, not_before, requested_by) "
            + "VALUES (:seat, :kind, :target, :value, :data, :notBefore, :by) RETURNING " + COLUMNS)
        .bind("seat", op.seatId().orElse(null))
        .bind("kind", op.kind().name())
        .bind("target", op.call().target())
        .bind("value", new BigDecimal(op.call().valueWei()))
        .bind("data", op.call().calldata())
        .bind("notBefore", Timestamp.from(op.notBefore()))
        .bind("by", op.requestedBy())
        .map((rs, ctx) -> map(rs))
        .one();
  }

  public Optional<Operation> find(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM operations WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> map(rs)).findOne());
  }

  public List<Operation> forSeat(long seatId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM operations WHERE seat_id = :s ORDER BY id")
        .bind("s", seatId).map((rs, ctx) -> map(rs)).list());
  }

  /** Cancels a QUEUED operation; false when it already started (it must then run to its verdict). */
  public boolean cancel(Handle tx, long id, String reason) {
    return tx.createUpdate("UPDATE operations SET status = 'CANCELLED', last_error = :r, updated_at = now() "
            + "WHERE id = :id AND status = 'QUEUED'")
        .bind("id", id).bind("r", reason).execute() == 1;
  }

  static Operation map(ResultSet rs) throws SQLException {
    long seat = rs.getLong("seat_id");
    Optional<Long> seatId = rs.wasNull() ? Optional.empty() : Optional.of(seat);
    long block = rs.getLong("block_number");
    Optional<Long> blockNumber = rs.wasNull() ? Optional.empty() : Optional.of(block);
    return new Operation(
        rs.getLong("id"),
        seatId,
        OperationKind.valueOf(rs.getString("kind")),
        OperationStatus.valueOf(rs.getString("status")),
        new RouterCall(rs.getString("target"), rs.getBigDecimal("value_wei").toBigIntegerExact(), rs.getString("calldata")),
        rs.getTimestamp("not_before").toInstant(),
        rs.getInt("attempts"),
        Optional.ofNullable(rs.getString("last_error")),
        rs.getString("requested_by"),
        Optional.ofNullable(rs.getString("tx_hash")),
        blockNumber,
        Optional.ofNullable(rs.getString("block_hash")),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        rs.getInt("reorgs"),
        Optional.ofNullable(rs.getString("last_reorg")));
  }
}
