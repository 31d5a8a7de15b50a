package org.centurion.seatmanager.operator;

import java.time.Clock;
import java.util.Optional;
import org.centurion.seatmanager.auth.OperatorKeyService;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.seats.SeatsFeature;
import org.jdbi.v3.core.Jdbi;

/**
 * The operator's side (issue 16), built from configuration: enrollment tokens (when
 * SEAT_MANAGER_ENROLLMENT_KEY_FILE is set), enrollment, status, exit requests. The operator API keys
 * themselves belong to the security feature, whose guard admits them. Nothing here can sign: the api
 * process has no signer, and no route of this feature queues a treasury operation.
 */
public final class OperatorFeature {
  private final Optional<EnrollmentKey> key;
  private final Optional<EnrollmentTokens> tokens;
  private final Optional<OperatorEnrollment> enrollment;
  private final OperatorKeyService keys;
  private final OperatorStatus status;
  private final ExitRequests exits;

  /** @param el the primary execution client (the composition root's), for the vault's views; empty without endpoints */
  public OperatorFeature(Config.Operator settings, Optional<ExecutionClient> el, Jdbi jdbi, SeatsFeature seats,
      OperatorKeyService keys, Clock clock) {
    this.key = settings.enrollmentKeyFile().map(EnrollmentKey::load);
    this.keys = keys;
    this.tokens = key.map(k -> new EnrollmentTokens(jdbi, seats.store(), k, settings.enrollmentTokenTtl(), clock));
    this.enrollment = key.map(k -> new OperatorEnrollment(new EnrollmentTokenVerifier(k.publicJwk(), clock), tokens.get(),
        keys, seats, clock));
    this.exits = new ExitRequests(jdbi, clock);
    this.status = new OperatorStatus(seats, el.map(VaultClaimView::new), exits);
  }

  public EnrollmentKey enrollmentKey() {
    return key.orElseThrow(OperatorFeature::notConfigured);
  }

  public EnrollmentTokens tokens() {
    return tokens.orElseThrow(OperatorFeature::notConfigured);
  }

  public OperatorEnrollment enrollment() {
    return enrollment.orElseThrow(OperatorFeature::notConfigured);
  }

  public OperatorKeyService keys() {
    return keys;
  }

  public OperatorStatus status() {
    return status;
  }

  public ExitRequests exits() {
    return exits;
  }

  private static Problem notConfigured() {
    return Problem.unavailable(OperatorErrors.ENROLLMENT_NOT_CONFIGURED,
        "enrollment is off: set SEAT_MANAGER_ENROLLMENT_KEY_FILE to an Ed25519 JWK (mode 600)");
  }
}
