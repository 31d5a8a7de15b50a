package org.centurion.seatmanager.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The hash chain's arithmetic: {@code hash = SHA-256(prev_hash || canonical(row))} for rows written
 * without a chain key, {@code hash = HMAC-SHA-256(key, prev_hash || canonical(row))} for keyed rows
 * (issue 14: whoever holds only the database cannot compute a keyed hash). The canonical
 * form is length-prefixed so that no two different rows encode alike (moving text from one
 * field to the next changes the bytes), and times are whole microseconds, as PostgreSQL stores them.
 * The attempt id (V54) is appended only when present, so rows written before it hash as they did.
 */
final class AuditChain {
  static final byte[] GENESIS = new byte[32];

  private AuditChain() {}

  static Instant storable(Instant t) {
    return t.truncatedTo(ChronoUnit.MICROS);
  }

  static byte[] hash(byte[] prevHash, long id, Instant at, String actor, String authKind, String role,
      String action, String target, String result, String reason, String requestId, String clientIp,
      Long attemptId) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(canonical(prevHash, id, at, actor, authKind, role, action,
          target, result, reason, requestId, clientIp, attemptId));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The keyed link: the same canonical bytes, authenticated under the chain key. */
  static byte[] keyedHash(AuditChainKey key, byte[] prevHash, long id, Instant at, String actor, String authKind,
      String role, String action, String target, String result, String reason, String requestId, String clientIp,
      Long attemptId) {
    return key.mac(canonical(prevHash, id, at, actor, authKind, role, action, target, result, reason, requestId,
        clientIp, attemptId));
  }

  private static byte[] canonical(byte[] prevHash, long id, Instant at, String actor, String authKind, String role,
      String action, String target, String result, String reason, String requestId, String clientIp,
      Long attemptId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(prevHash);
    out.writeBytes(ByteBuffer.allocate(16).putLong(id)
        .putLong(ChronoUnit.MICROS.between(Instant.EPOCH, at)).array());
    for (String s : new String[] {actor, authKind, role, action, target, result, reason, requestId, clientIp}) {
      if (s == null) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
      } else {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
        out.writeBytes(b);
      }
    }
    if (attemptId != null) {
      out.writeBytes(ByteBuffer.allocate(9).put((byte) 'A').putLong(attemptId).array());
    }
    return out.toByteArray();
  }
}
