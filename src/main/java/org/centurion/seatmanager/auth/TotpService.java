package org.centurion.seatmanager.auth;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.centurion.seatmanager.problem.Problem;

/**
 * TOTP enrolment and checks. A new secret is stored pending, beside the enrolled one (which stays in
 * force), and replaces it only once the user proves their authenticator produces its codes. Each time
 * step is accepted once: a code seen, even within its 30 s window, is refused the second time.
 */
public final class TotpService {
  public static final String NOT_PENDING = ErrorCodes.TOTP_NOT_PENDING;
  public static final String INVALID = ErrorCodes.TOTP_INVALID;

  private final UserService users;
  private final TotpSecretBox box;
  private final RecoveryCodes codes;
  private final Clock clock;

  /** Development's: secrets sealed under a key derived from the step-up secret. */
  public TotpService(UserService users, Hmac stepUpHmac, Clock clock) {
    this(users, new TotpSecretBox(stepUpHmac), new RecoveryCodes(users.jdbi(), clock), clock);
  }

  TotpService(UserService users, TotpSecretBox box, RecoveryCodes codes, Clock clock) {
    this.users = users;
    this.box = box;
    this.codes = codes;
    this.clock = clock;
  }

  public record Enrolment(String secret, String otpauthUri) {
    @Override
    public String toString() {
      return "Enrolment[redacted]";
    }
  }

  /**
   * The outcome of a confirmation.
   *
   * @param recoveryCodes the user's one-time recovery codes when this was their first second factor
   *     (shown once, never again); empty otherwise
   */
  public record Confirmed(boolean totpEnabled, List<String> recoveryCodes) {
    @Override
    public String toString() {
      return "Confirmed[totpEnabled=" + totpEnabled + ", " + recoveryCodes.size() + " recovery codes redacted]";
    }
  }

  public Enrolment begin(long userId) {
    User u = users.require(userId);
    byte[] secret = Tokens.randomBytes(20);
    users.store().setPendingTotp(userId, box.seal(userId, secret), clock.instant());
    String b32 = Totp.base32(secret);
    String label = URLEncoder.encode("seat-manager:" + u.username(), StandardCharsets.UTF_8).replace("+", "%20");
    return new Enrolment(b32, "otpauth://totp/" + label + "?secret=" + b32
        + "&issuer=seat-manager&algorithm=SHA1&digits=6&period=" + Totp.STEP_SECONDS);
  }

  public Confirmed confirm(long userId, String code) {
    StoredUser u = users.stored(userId).orElseThrow(() -> Problem.notFound("no such user"));
    if (u.totpPendingSecret() == null) {
      throw Problem.conflict(NOT_PENDING, "start an enrolment first (POST /v1/auth/totp)");
    }
    OptionalLong counter = Totp.match(box.open(userId, u.totpPendingSecret()).secret(), code, clock.instant());
    if (counter.isEmpty()) {
      throw Problem.badRequest(INVALID, "the code does not match; check the authenticator's clock");
    }
    if (!users.store().activatePendingTotp(userId, u.totpPendingSecret(), counter.getAsLong(), clock.instant())) {
      throw Problem.conflict(NOT_PENDING, "the enrolment changed meanwhile: start again (POST /v1/auth/totp)");
    }
    return new Confirmed(true, codes.issueIfNone(userId));
  }

  /**
   * True when {@code code} is the user's current (±1 step) code and its time step was not used before;
   * a secret sealed under a former key is sealed again under the current one.
   */
  boolean verify(StoredUser u, String code) {
    if (!u.user().totpEnabled() || u.totpSecret() == null) {
      return false;
    }
    long id = u.user().id();
    TotpSecretBox.Opened opened = box.open(id, u.totpSecret());
    OptionalLong counter = Totp.match(opened.secret(), code, clock.instant());
    if (counter.isEmpty() || !users.store().consumeTotpCounter(id, counter.getAsLong())) {
      return false;
    }
    if (opened.stale()) {
      users.store().resealTotp(id, u.totpSecret(), box.seal(id, opened.secret()));
    }
    return true;
  }
}
