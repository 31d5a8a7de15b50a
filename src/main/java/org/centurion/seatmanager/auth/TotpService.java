package org.centurion.seatmanager.auth;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.OptionalLong;
import org.centurion.seatmanager.problem.Problem;

/**
 * Optional TOTP enrolment: a new secret is stored disabled, and takes effect only once the user
 * proves their authenticator produces its codes. From then on step-up needs a code too.
 */
public final class TotpService {
  private final UserService users;
  private final TotpSecretBox box;
  private final Clock clock;

  public TotpService(UserService users, Hmac stepUpHmac, Clock clock) {
    this.users = users;
    this.box = new TotpSecretBox(stepUpHmac);
    this.clock = clock;
  }

  public record Enrolment(String secret, String otpauthUri) {
    @Override
    public String toString() {
      return "Enrolment[redacted]";
    }
  }

  public Enrolment begin(long userId) {
    User u = users.require(userId);
    byte[] secret = Tokens.randomBytes(20);
    users.store().setTotp(userId, box.seal(userId, secret), false, clock.instant());
    String b32 = Totp.base32(secret);
    String label = URLEncoder.encode("seat-manager:" + u.username(), StandardCharsets.UTF_8).replace("+", "%20");
    return new Enrolment(b32, "otpauth://totp/" + label + "?secret=" + b32
        + "&issuer=seat-manager&algorithm=SHA1&digits=6&period=" + Totp.STEP_SECONDS);
  }

  public void confirm(long userId, String code) {
    StoredUser u = users.stored(userId).orElseThrow(() -> Problem.notFound("no such user"));
    if (u.totpSecret() == null || u.user().totpEnabled()) {
      throw Problem.conflict(ErrorCodes.TOTP_NOT_PENDING, "start an enrolment first (POST /v1/auth/totp)");
    }
    OptionalLong counter = Totp.match(box.open(userId, u.totpSecret()), code, clock.instant());
    if (counter.isEmpty()) {
      throw Problem.badRequest(ErrorCodes.TOTP_INVALID, "the code does not match; check the authenticator's clock");
    }
    users.store().setTotp(userId, u.totpSecret(), true, clock.instant());
    users.store().consumeTotpCounter(userId, counter.getAsLong());
  }
}
