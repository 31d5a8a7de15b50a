package org.centurion.seatmanager.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.OptionalLong;
import org.centurion.seatmanager.http.ApiError;

/**
 * Step-up (CSM-02): a session re-proves its password (and TOTP when enrolled) and receives a
 * short-lived token signed with STEP_UP_HMAC_SECRET, bound to that session and user. Tokens are
 * stateless; binding to the session means logout ends them too (the session no longer
 * authenticates) and another session cannot borrow them.
 */
public final class StepUpService {
  public static final Duration TTL = Duration.ofMinutes(5);
  public static final String HEADER = "X-Step-Up-Token";
  private static final String DOMAIN = "step-up-v1";

  private final UserService users;
  private final PasswordHasher hasher;
  private final Hmac hmac;
  private final Clock clock;
  private final RateLimiter perSession;
  private final TotpSecretBox totpBox;

  public StepUpService(UserService users, PasswordHasher hasher, Hmac stepUpHmac, Clock clock, LoginLimits limits) {
    this.users = users;
    this.hasher = hasher;
    this.hmac = stepUpHmac;
    this.totpBox = new TotpSecretBox(stepUpHmac);
    this.clock = clock;
    this.perSession = new RateLimiter(limits.stepUpsPerSessionPerMinute(), Duration.ofMinutes(1), clock);
  }

  public record Issued(String stepUpToken, Instant expiresAt) {
    @Override
    public String toString() {
      return "Issued[token redacted, expiresAt=" + expiresAt + "]";
    }
  }

  public Issued issue(long sessionId, long userId, String password, String totp) {
    if (!perSession.tryAcquire(Long.toString(sessionId))) {
      throw new ApiError(429, "RATE_LIMITED", "too many step-up attempts; wait a minute");
    }
    StoredUser u = users.stored(userId).orElseThrow(() -> ApiError.notFound("no such user"));
    // one counter with login: a failed step-up (password or code) counts toward the lockout, and a
    // locked account cannot step up
    if (!users.passwordCheck().check(u, password).matched()) {
      throw ApiError.forbidden("STEP_UP_FAILED", "password or TOTP code is wrong");
    }
    if (u.user().totpEnabled()) {
      Instant now = clock.instant();
      OptionalLong counter = Totp.match(totpBox.open(u.user().id(), u.totpSecret()), totp, now);
      if (counter.isEmpty() || !users.store().consumeTotpCounter(u.user().id(), counter.getAsLong())) {
        throw ApiError.forbidden("STEP_UP_FAILED", "password or TOTP code is wrong");
      }
    }
    users.passwordCheck().succeeded(userId);
    Instant expires = clock.instant().plus(TTL);
    String payload = sessionId + ":" + userId + ":" + expires.toEpochMilli() + ":"
        + Tokens.random256().substring(0, 16);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String token = "su1." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(hmac.sign(DOMAIN, payload));
    return new Issued(token, expires);
  }

  /** True only for an untampered, unexpired token issued to this very session and user. */
  public boolean isValid(String token, long sessionId, long userId) {
    if (token == null || token.length() > 300 || !token.startsWith("su1.")) {
      return false;
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return false;
    }
    byte[] payloadBytes;
    byte[] sig;
    try {
      payloadBytes = Base64.getUrlDecoder().decode(parts[1]);
      sig = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
    // Only the canonical encoding counts: base64 ignores a final character's spare bits, and a
    // token must have exactly one spelling.
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    if (!b64.encodeToString(payloadBytes).equals(parts[1]) || !b64.encodeToString(sig).equals(parts[2])) {
      return false;
    }
    String payload = new String(payloadBytes, StandardCharsets.UTF_8);
    if (!Hmac.equal(hmac.sign(DOMAIN, payload), sig)) {
      return false;
    }
    String[] f = payload.split(":", -1);
    if (f.length != 4) {
      return false;
    }
    try {
      long sid = Long.parseLong(f[0]);
      long uid = Long.parseLong(f[1]);
      Instant expires = Instant.ofEpochMilli(Long.parseLong(f[2]));
      Instant now = clock.instant();
      return sid == sessionId && uid == userId && expires.isAfter(now) && !expires.isAfter(now.plus(TTL));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** For routes whose step-up need depends on the request (an ADMIN changing another's password). */
  public void require(String token, long sessionId, long userId) {
    if (!isValid(token, sessionId, userId)) {
      throw ApiError.forbidden("STEP_UP_REQUIRED", "this operation needs a fresh step-up token in " + HEADER);
    }
  }
}
