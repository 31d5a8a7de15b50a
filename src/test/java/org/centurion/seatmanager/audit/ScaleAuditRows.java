package org.centurion.seatmanager.audit;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Bulk audit rows for the scale fixture (issue 18), chained exactly as {@link AuditLog#append} chains
 * them under a chain key (every row keyed: HMAC-SHA-256, as production writes them), written as
 * PostgreSQL COPY CSV. The API verifying the fixture must run with the same key
 * ({@code SEAT_MANAGER_AUDIT_CHAIN_KEY} = {@link #KEY_HEX}), or its walk stops at row 1 (KEY_REQUIRED). Lives in this package for {@link AuditChain}: when the chain's
 * arithmetic changes, the fixture follows it (and {@code AuditLog.verify()} over the fixture proves it).
 *
 * <p>Shape: ids 1..n, one second apart ending now; every fourth pair is a write recorded write-ahead
 * (an ATTEMPTED row, then its outcome naming it in attempt_id); the rest are reads by sessions.
 */
public final class ScaleAuditRows {
  private static final String[] ACTIONS = {"GET /v1/seats", "GET /v1/seats/{id}", "GET /v1/dashboard/health",
      "GET /v1/audit-logs", "GET /v1/dashboard/alerts", "POST /v1/seats/{id}/allowlist", "POST /v1/seats",
      "POST /v1/auth/login", "POST /v1/auth/step-up", "POST /v1/seats/{id}/exit"};
  private static final HexFormat HEX = HexFormat.of();
  /** The fixture's chain key (64 hex digits, as 'secrets generate' writes one): a bench key, never a real one. */
  public static final String KEY_HEX = "77e2b3de09af8b4d5cff641141ef56d37a23d1d4f26409e88c2143856d7e4081";

  private ScaleAuditRows() {}

  /** Writes n keyed, chained rows (ids 1..n) to {@code out} under {@link #KEY_HEX}; returns the last row's hash. */
  public static byte[] write(Writer out, long n, Instant end) throws IOException {
    AuditChainKey key = AuditChainKey.of(org.centurion.seatmanager.config.Secret.ofHex(KEY_HEX));
    byte[] prev = AuditChain.GENESIS;
    Instant start = AuditChain.storable(end.minus(n, ChronoUnit.SECONDS));
    for (long id = 1; id <= n; id++) {
      Instant at = start.plusSeconds(id);
      String actor = "user:" + (id % 50);
      String authKind = "SESSION";
      String role = id % 7 == 0 ? "OPERATOR" : "ADMIN";
      boolean writePair = id % 8 == 1 && id < n;
      boolean outcome = id % 8 == 2;
      String action = writePair || outcome ? ACTIONS[5 + (int) ((id / 8) % 5)] : ACTIONS[(int) (id % 5)];
      String target = "seat:" + (id % 100_000 + 1);
      String result = writePair ? "ATTEMPTED" : id % 97 == 0 ? "DENIED" : "SUCCESS";
      String reason = "DENIED".equals(result) ? "role does not allow this route" : null;
      String requestId = "req-" + id;
      String clientIp = "10.0." + (id % 200) + "." + (id % 250);
      Long attemptId = outcome ? id - 1 : null;
      byte[] hash = AuditChain.keyedHash(key, prev, id, at, actor, authKind, role, action, target, result, reason,
          requestId, clientIp, attemptId);
      out.write(id + "," + at + "," + actor + "," + authKind + "," + role + ",\"" + action + "\"," + target + ","
          + result + "," + (reason == null ? "" : "\"" + reason + "\"") + "," + requestId + "," + clientIp
          + ",\\x" + HEX.formatHex(prev) + ",\\x" + HEX.formatHex(hash) + "," + (attemptId == null ? "" : attemptId)
          + ",true\n");
      prev = hash;
    }
    return prev;
  }

  /** The COPY statement the rows above fit. */
  public static final String COPY = "COPY audit_log (id, at, actor, auth_kind, role, action, target, result, reason,"
      + " request_id, client_ip, prev_hash, hash, attempt_id, keyed) FROM STDIN (FORMAT csv)";
}
