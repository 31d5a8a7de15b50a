package org.centurion.seatmanager.config;

import static org.centurion.seatmanager.config.ConfigLoader.*;


/**
 * The two HMAC secrets (sessions, step-up).
 * One section of {@link ConfigLoader}: problems and warnings go to its {@link EnvReader}.
 */
final class SecretsParser {
  private SecretsParser() {}

  static Config.Secrets secrets(EnvReader r) {
    Secret session = r.hexSecret(SESSION_HMAC_SECRET);
    Secret stepUp = r.hexSecret(STEP_UP_HMAC_SECRET);
    if (session != null && stepUp != null && session.equals(stepUp)) {
      r.problems.add(SESSION_HMAC_SECRET + " and " + STEP_UP_HMAC_SECRET
          + " must differ: generate both with 'seat-manager secrets generate'");
    }
    return new Config.Secrets(session, stepUp);
  }
}
