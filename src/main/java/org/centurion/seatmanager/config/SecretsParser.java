package org.centurion.seatmanager.config;

import static org.centurion.seatmanager.config.ConfigLoader.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HMAC secrets (sessions, step-up, staker keys) and their rotations.
 * One section of {@link ConfigLoader}: problems and warnings go to its {@link EnvReader}.
 *
 * <p>A rotation: the new value goes in the secret's variable, the old one in
 * {@code SEAT_MANAGER_<NAME>_PREVIOUS} with {@code SEAT_MANAGER_<NAME>_PREVIOUS_UNTIL}, the end of its grace
 * (required, at most {@link ConfigLoader#MAX_SESSION_ROTATION_GRACE} ahead; 90 days for the staker-key
 * secret). Until then the previous value still verifies what it made; it never makes anything new. A
 * previous value must itself be an acceptable secret: a published (compromised) one is refused.
 */
final class SecretsParser {
  private SecretsParser() {}

  static Config.Secrets secrets(EnvReader r, boolean production) {
    Secret session = r.hexSecret(SESSION_HMAC_SECRET);
    Secret stepUp = r.hexSecret(STEP_UP_HMAC_SECRET);
    if (session != null && stepUp != null && session.equals(stepUp)) {
      r.problems.add(SESSION_HMAC_SECRET + " and " + STEP_UP_HMAC_SECRET
          + " must differ: generate both with 'seat-manager secrets generate'");
    }
    Secret stakerKey = stakerKeySecret(r, production, session, stepUp);
    List<Secret> inUse = new ArrayList<>();
    for (Secret s : new Secret[] {session, stepUp, stakerKey}) {
      if (s != null) {
        inUse.add(s);
      }
    }
    Optional<Config.Rotation> sessionPrevious =
        previous(r, SESSION_HMAC_SECRET_PREVIOUS, SESSION_HMAC_SECRET, inUse, MAX_SESSION_ROTATION_GRACE);
    Optional<Config.Rotation> stepUpPrevious =
        previous(r, STEP_UP_HMAC_SECRET_PREVIOUS, STEP_UP_HMAC_SECRET, inUse, MAX_SESSION_ROTATION_GRACE);
    Optional<Config.Rotation> stakerKeyPrevious =
        previous(r, STAKER_KEY_HMAC_SECRET_PREVIOUS, STAKER_KEY_HMAC_SECRET, inUse, MAX_STAKER_KEY_ROTATION_GRACE);
    return new Config.Secrets(session, stepUp, stakerKey, sessionPrevious, stepUpPrevious, stakerKeyPrevious);
  }

  private static Secret stakerKeySecret(EnvReader r, boolean production, Secret session, Secret stepUp) {
    if (!r.env.isSet(STAKER_KEY_HMAC_SECRET)) {
      if (production) {
        r.problems.add(STAKER_KEY_HMAC_SECRET + " is required in production (the staker keys' own hash key, so that "
            + "rotating " + SESSION_HMAC_SECRET + " keeps them): generate it with 'seat-manager secrets generate'");
        return null;
      }
      if (session == null) {
        return null;
      }
      r.warnings.add(STAKER_KEY_HMAC_SECRET + " is unset: development derives the staker keys' hash key from "
          + SESSION_HMAC_SECRET + ", so rotating that secret revokes them");
      return SecretRules.derivedStakerKeySecret(session);
    }
    Secret own = r.hexSecret(STAKER_KEY_HMAC_SECRET);
    if (own != null && (own.equals(session) || own.equals(stepUp))) {
      r.problems.add(STAKER_KEY_HMAC_SECRET + " must differ from " + SESSION_HMAC_SECRET + " and "
          + STEP_UP_HMAC_SECRET + ": generate it with 'seat-manager secrets generate'");
      return null;
    }
    return own;
  }

  /** The previous value of {@code currentName} and the end of its grace, when set, readable and not yet over. */
  private static Optional<Config.Rotation> previous(EnvReader r, String name, String currentName, List<Secret> inUse,
      Duration maxGrace) {
    String untilName = previousUntil(name);
    if (!r.env.isSet(name)) {
      if (r.env.isSet(untilName)) {
        r.warnings.add(untilName + " is set without " + name + ": it has no effect");
      }
      return Optional.empty();
    }
    Secret previous = r.hexSecret(name);
    Optional<Instant> until = r.instant(untilName);
    if (!r.env.isSet(untilName)) {
      r.problems.add(untilName + " is required with " + name + ": the end of its grace, at most "
          + maxGrace.toDays() + " days ahead (ISO-8601, e.g. 2026-12-31T00:00:00Z)");
    }
    if (previous == null || until.isEmpty()) {
      return Optional.empty();
    }
    if (inUse.contains(previous)) {
      r.problems.add(name + " must be the value " + currentName + " replaced, not one in use now");
      return Optional.empty();
    }
    Instant now = Instant.now();
    if (until.get().isAfter(now.plus(maxGrace))) {
      r.problems.add(untilName + " may be at most " + maxGrace.toDays() + " days ahead: a grace period is short");
      return Optional.empty();
    }
    if (!until.get().isAfter(now)) {
      r.warnings.add(name + " is no longer accepted (its grace ended " + until.get() + "): remove it and " + untilName);
      return Optional.empty();
    }
    r.warnings.add(name + " is accepted until " + until.get() + " (rotation of " + currentName
        + " in progress): remove it and " + untilName + " afterwards");
    return Optional.of(new Config.Rotation(previous, until.get()));
  }
}
