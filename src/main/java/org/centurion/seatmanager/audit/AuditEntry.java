package org.centurion.seatmanager.audit;

import java.time.Instant;
import java.util.HexFormat;

/**
 * A stored audit row, as the API shows it.
 *
 * @param attemptId on the outcome of a write, the ATTEMPTED row it closes
 * @param outcomeId on an ATTEMPTED row, the outcome that closes it; null means the process died
 *     between the attempt and its outcome (the write may or may not have happened)
 */
public record AuditEntry(
    long id,
    Instant at,
    String actor,
    String authKind,
    String role,
    String action,
    String target,
    String result,
    String reason,
    String requestId,
    String clientIp,
    String prevHash,
    String hash,
    Long attemptId,
    Long outcomeId) {

  static AuditEntry of(long id, Instant at, AuditEvent e, byte[] prevHash, byte[] hash) {
    return new AuditEntry(id, at, e.actor(), e.authKind(), e.role(), e.action(), e.target(),
        e.result().name(), e.reason(), e.requestId(), e.clientIp(), HexFormat.of().formatHex(prevHash),
        HexFormat.of().formatHex(hash), e.attemptId(), null);
  }
}
