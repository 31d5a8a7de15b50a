package org.centurion.seatmanager.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.exception.AssertionFailedException;
import com.yubico.webauthn.exception.RegistrationFailedException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.problem.ProblemKind;

/**
 * Passkeys (WebAuthn Level 2) through Yubico's relying-party library: registration and assertion,
 * each in two steps (options, then the browser's answer). The relying party's id and the one accepted
 * origin come from configuration ({@code SEAT_MANAGER_WEBAUTHN_RP_ID}, {@code SEAT_MANAGER_WEBAUTHN_ORIGIN});
 * challenges live on the server ({@link WebAuthnChallenges}), bound to the session, single-use and
 * expiring. The library checks the origin, the RP id hash, the challenge, the signature and that the
 * signature counter moves forward; {@link PasskeyCredentials#advanceCounter} holds the counter under
 * concurrency too. An assertion is only ever spent on a step-up, so it is finished there
 * ({@link SecondFactors}), in the one place every factor is checked.
 */
public final class PasskeyService {
  public static final String NOT_CONFIGURED = "PASSKEYS_NOT_CONFIGURED";
  public static final String CHALLENGE_INVALID = "PASSKEY_CHALLENGE_INVALID";
  public static final String REGISTRATION_FAILED = "PASSKEY_REGISTRATION_FAILED";
  public static final String INVALID_LABEL = "INVALID_PASSKEY_LABEL";
  public static final String NONE_REGISTERED = "NO_PASSKEY_REGISTERED";
  /** A label the user chooses: printable, short (it is shown in lists and the audit log). */
  private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N} ._'()-]{1,64}");

  private final UserService users;
  private final Optional<RelyingParty> rp;
  private final PasskeyCredentials credentials;
  private final WebAuthnChallenges challenges;
  private final RecoveryCodes codes;
  private final Clock clock;

  PasskeyService(UserService users, Optional<Config.WebAuthn> settings, RecoveryCodes codes, Clock clock) {
    this.users = users;
    this.credentials = new PasskeyCredentials(users.jdbi());
    this.challenges = new WebAuthnChallenges(users.jdbi(), clock);
    this.codes = codes;
    this.clock = clock;
    this.rp = settings.map(s -> RelyingParty.builder()
        .identity(RelyingPartyIdentity.builder().id(s.rpId()).name("seat-manager").build())
        .credentialRepository(credentials).origins(Set.of(s.origin())).allowOriginPort(s.anyPort())
        .allowOriginSubdomain(false).clock(clock).build());
  }

  /** What the browser needs for {@code navigator.credentials.create/get}, and the challenge to answer. */
  public record Options(String challengeId, String publicKeyJson) {}

  /** A registered passkey, and the first recovery codes when it was the user's first second factor. */
  public record Registered(long id, String label, List<String> recoveryCodes) {
    @Override
    public String toString() {
      return "Registered[id=" + id + ", label=" + label + ", " + recoveryCodes.size() + " recovery codes redacted]";
    }
  }

  public boolean enabled() {
    return rp.isPresent();
  }

  private RelyingParty rp() {
    return rp.orElseThrow(() -> new Problem(ProblemKind.CONFLICT, NOT_CONFIGURED,
        "passkeys are off: set SEAT_MANAGER_WEBAUTHN_ORIGIN (and SEAT_MANAGER_WEBAUTHN_RP_ID if it differs from its host)"));
  }

  public Options startRegistration(long sessionId, long userId) {
    RelyingParty party = rp();
    User u = users.require(userId);
    PublicKeyCredentialCreationOptions request = party.startRegistration(StartRegistrationOptions.builder()
        .user(UserIdentity.builder().name(u.username()).displayName(u.username()).id(credentials.userHandle(userId))
            .build())
        .authenticatorSelection(AuthenticatorSelectionCriteria.builder().residentKey(ResidentKeyRequirement.DISCOURAGED)
            .userVerification(UserVerificationRequirement.PREFERRED).build())
        .timeout(WebAuthnChallenges.TTL.toMillis()).build());
    try {
      String id = challenges.create(sessionId, userId, WebAuthnChallenges.Purpose.REGISTRATION, request.toJson());
      return new Options(id, request.toCredentialsCreateJson());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("WebAuthn options did not serialise", e);
    }
  }

  public Registered finishRegistration(long sessionId, long userId, String challengeId, String credentialJson,
      String label) {
    RelyingParty party = rp();
    String name = label == null ? "passkey" : label.strip();
    if (!LABEL.matcher(name).matches()) {
      throw Problem.badRequest(INVALID_LABEL, "a passkey label is 1-64 letters, digits, spaces or . _ ' ( ) -");
    }
    String stored = challenges.take(challengeId, sessionId, userId, WebAuthnChallenges.Purpose.REGISTRATION)
        .orElseThrow(() -> Problem.forbidden(CHALLENGE_INVALID,
            "unknown, expired, used or another session's registration challenge: ask for new options"));
    RegistrationResult result;
    try {
      result = party.finishRegistration(FinishRegistrationOptions.builder()
          .request(PublicKeyCredentialCreationOptions.fromJson(stored))
          .response(PublicKeyCredential.parseRegistrationResponseJson(credentialJson)).build());
    } catch (RegistrationFailedException | IOException | RuntimeException e) {
      throw Problem.badRequest(REGISTRATION_FAILED, "the authenticator's answer does not verify for this server "
          + "(origin, relying party, challenge or format)");
    }
    Instant now = clock.instant();
    long id = credentials.insert(userId, result.getKeyId().getId(), result.getPublicKeyCose(),
        result.getSignatureCount(), name, now);
    return new Registered(id, name, codes.issueIfNone(userId));
  }

  public Options startAssertion(long sessionId, long userId) {
    RelyingParty party = rp();
    User u = users.require(userId);
    if (credentials.count(userId) == 0) {
      throw Problem.conflict(NONE_REGISTERED, "this user has no passkey: register one first");
    }
    AssertionRequest request = party.startAssertion(StartAssertionOptions.builder().username(u.username())
        .userVerification(UserVerificationRequirement.PREFERRED).timeout(WebAuthnChallenges.TTL.toMillis()).build());
    try {
      String id = challenges.create(sessionId, userId, WebAuthnChallenges.Purpose.ASSERTION, request.toJson());
      return new Options(id, request.toCredentialsGetJson());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("WebAuthn options did not serialise", e);
    }
  }

  /**
   * True when the assertion answers this session's challenge {@code challengeId} (taken, so it is spent
   * whatever the outcome) with one of the user's passkeys, from the configured origin and relying party,
   * with a signature counter that moved forward.
   */
  boolean verify(long sessionId, StoredUser u, String challengeId, String credentialJson) {
    if (rp.isEmpty() || credentialJson == null) {
      return false;
    }
    long userId = u.user().id();
    Optional<String> stored = challenges.take(challengeId, sessionId, userId, WebAuthnChallenges.Purpose.ASSERTION);
    if (stored.isEmpty()) {
      return false;
    }
    AssertionResult result;
    try {
      result = rp.get().finishAssertion(FinishAssertionOptions.builder().request(AssertionRequest.fromJson(stored.get()))
          .response(PublicKeyCredential.parseAssertionResponseJson(credentialJson)).build());
    } catch (AssertionFailedException | IOException | RuntimeException e) {
      return false;
    }
    return result.isSuccess() && result.isSignatureCounterValid() && u.user().username().equals(result.getUsername())
        && credentials.advanceCounter(userId, result.getCredentialId(), result.getSignatureCount(), clock.instant());
  }

  int count(long userId) {
    return credentials.count(userId);
  }

  List<PasskeyCredentials.Listed> list(long userId) {
    return credentials.list(userId);
  }
}
