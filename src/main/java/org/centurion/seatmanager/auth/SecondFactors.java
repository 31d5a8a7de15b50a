package org.centurion.seatmanager.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.problem.Problem;

/**
 * A user's second factors taken together: TOTP, passkeys and the recovery codes that stand in for
 * either. Step-up asks here whether a user has one ({@link #enrolled}) and whether a request proves one
 * ({@link #verify}); the console and the API list them ({@link #status}); the CLI's {@code users reset-mfa}
 * forgets them ({@link #reset}).
 */
public final class SecondFactors {
  public static final String NONE_ENROLLED = "NO_SECOND_FACTOR";

  private final UserService users;
  private final TotpService totp;
  private final PasskeyService passkeys;
  private final RecoveryCodes codes;
  private final Clock clock;

  /** Everything keyed and configured as {@code mfa} says. */
  public SecondFactors(UserService users, Hmac stepUpHmac, Config.Mfa mfa, Clock clock) {
    this.users = users;
    this.clock = clock;
    this.codes = new RecoveryCodes(users.jdbi(), clock);
    this.totp = new TotpService(users, new TotpSecretBox(stepUpHmac, mfa.key(), mfa.previousKey()), codes, clock);
    this.passkeys = new PasskeyService(users, mfa.webAuthn(), codes, clock);
  }

  /** What proves the second factor in a step-up: exactly one of its fields. */
  public record Proof(String totp, String recoveryCode, String passkeyChallengeId, String passkeyCredentialJson) {
    public static Proof none() {
      return new Proof(null, null, null, null);
    }

    public static Proof ofTotp(String code) {
      return new Proof(code, null, null, null);
    }

    int given() {
      return (present(totp) ? 1 : 0) + (present(recoveryCode) ? 1 : 0)
          + (present(passkeyChallengeId) || present(passkeyCredentialJson) ? 1 : 0);
    }

    private static boolean present(String s) {
      return s != null && !s.isBlank();
    }

    @Override
    public String toString() {
      return "Proof[redacted]";
    }
  }

  /** Which factor a step-up was passed with (the audit log records it). */
  public enum Factor { NONE, TOTP, PASSKEY, RECOVERY_CODE }

  /** What a user has enrolled, without any secret. */
  public record Status(boolean totpEnabled, List<Passkey> passkeys, int recoveryCodesLeft, boolean passkeysAvailable) {
    public boolean enrolled() {
      return totpEnabled || !passkeys.isEmpty();
    }
  }

  /** A registered passkey as listed. */
  public record Passkey(long id, String label, Instant createdAt, Instant lastUsedAt) {}

  public TotpService totp() {
    return totp;
  }

  public PasskeyService passkeys() {
    return passkeys;
  }

  boolean enrolled(StoredUser u) {
    return u.user().totpEnabled() || passkeys.count(u.user().id()) > 0;
  }

  /**
   * The factor {@code proof} proves for the user, or empty. Exactly one factor may be offered: trying two
   * in one request would give a guesser two guesses for one counted attempt. A passkey challenge, a TOTP
   * time step and a recovery code are each spent by the first request that uses them, right or wrong.
   */
  Optional<Factor> verify(long sessionId, StoredUser u, Proof proof) {
    if (proof == null || proof.given() != 1) {
      return Optional.empty();
    }
    if (Proof.present(proof.passkeyChallengeId()) || Proof.present(proof.passkeyCredentialJson())) {
      return passkeys.verify(sessionId, u, proof.passkeyChallengeId(), proof.passkeyCredentialJson())
          ? Optional.of(Factor.PASSKEY) : Optional.empty();
    }
    if (Proof.present(proof.totp())) {
      return totp.verify(u, proof.totp()) ? Optional.of(Factor.TOTP) : Optional.empty();
    }
    return codes.consume(u.user().id(), proof.recoveryCode()) ? Optional.of(Factor.RECOVERY_CODE) : Optional.empty();
  }

  public Status status(long userId) {
    User u = users.require(userId);
    List<Passkey> listed = passkeys.list(userId).stream()
        .map(p -> new Passkey(p.id(), p.label(), p.createdAt(), p.lastUsedAt())).toList();
    return new Status(u.totpEnabled(), listed, codes.remaining(userId), passkeys.enabled());
  }

  /**
   * New recovery codes for a user who has a second factor (the route needs a step-up, which then needed
   * that factor); the old codes stop working.
   */
  public List<String> regenerateRecoveryCodes(long userId) {
    StoredUser u = users.stored(userId).orElseThrow(() -> Problem.notFound("no such user"));
    if (!enrolled(u)) {
      throw Problem.conflict(NONE_ENROLLED, "enrol TOTP or a passkey first: recovery codes stand in for a second factor");
    }
    return codes.regenerate(userId);
  }

  /**
   * Forgets every second factor of the user (TOTP, passkeys, recovery codes, open challenges) and ends all
   * their sessions, in one transaction: the operator's answer to a lost authenticator.
   */
  public void reset(long userId) {
    users.require(userId);
    Instant now = clock.instant();
    users.jdbi().useTransaction(h -> {
      UserStore.clearTotp(h, userId, now);
      PasskeyCredentials.deleteAll(h, userId);
      RecoveryCodes.deleteAll(h, userId);
      SessionService.revokeAllBut(h, userId, null, now);
    });
  }
}
