package org.centurion.seatmanager.audit;

import java.util.Objects;

/**
 * One thing worth recording, before it gets its place in the chain. Never holds a secret: callers
 * pass names and ids, not tokens or passwords.
 *
 * @param actor who acted: a username, "static-admin-token", "staker-key:ID", "anonymous", or the
 *     username someone tried to log in as
 * @param authKind how the actor authenticated (an {@code IdentityKind} name, or "CLI")
 * @param role the actor's role when it has one, else null
 * @param action what was attempted, e.g. "POST /v1/users" or "auth.login"
 * @param target what it was attempted on (e.g. "user:7"), or null
 * @param result ATTEMPTED (a write admitted, about to run), SUCCESS, DENIED (refused by a control) or
 *     FAILED (bad input, error)
 * @param reason the stable error code, or a short reason; null on success
 * @param attemptId on the outcome of a write: the id of the ATTEMPTED row appended before the
 *     write ran (see {@code SecurityGuard.beforeWrite}); null otherwise
 */
public record AuditEvent(
    String actor,
    String authKind,
    String role,
    String action,
    String target,
    AuditResult result,
    String reason,
    String requestId,
    String clientIp,
    Long attemptId) {

  /** An event that closes no attempt: refusals by the guard, reads on record, attempts themselves. */
  public AuditEvent(String actor, String authKind, String role, String action, String target, AuditResult result,
      String reason, String requestId, String clientIp) {
    this(actor, authKind, role, action, target, result, reason, requestId, clientIp, null);
  }

  public AuditEvent {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(authKind, "authKind");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(result, "result");
    actor = clip(actor);
    target = target == null ? null : clip(target);
    reason = reason == null ? null : clip(reason);
    if (result == AuditResult.ATTEMPTED && attemptId != null) {
      throw new IllegalArgumentException("an attempt cannot close another attempt");
    }
  }

  /** Free-text fields are bounded so a hostile username cannot bloat the log. */
  private static String clip(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
