package org.centurion.seatmanager.audit;

import java.time.Instant;
import java.util.HexFormat;

/** A stored audit row, as the API shows it. */
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
    String hash) {

  static AuditEntry of(long id, Instant at, AuditEvent e, byte[] prevHash, byte[] hash) {
    return new AuditEntry(id, at, e.actor(), e.authKind(), e.role(), e.action(), e.target(),
        e.result().name(), e.reason(), e.requestId(), e.clientIp(), HexFormat.of().formatHex(prevHash),
        HexFormat.of().formatHex(hash));
  }
}
