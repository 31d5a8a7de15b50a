package org.centurion.seatmanager.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.Secret;

/**
 * One HMAC secret and, while it is being rotated, its predecessor. Only {@link #current()} hashes or
 * signs anything new; {@link #accepted()} also holds the previous key until the end of its grace, read on
 * every call from the clock, so a process that runs past the deadline stops accepting it then.
 */
public final class HmacKeys {
  private final Hmac current;
  private final Optional<Hmac> previous;
  private final Instant previousUntil;
  private final Clock clock;

  private HmacKeys(Hmac current, Optional<Hmac> previous, Instant previousUntil, Clock clock) {
    this.current = current;
    this.previous = previous;
    this.previousUntil = previousUntil;
    this.clock = clock;
  }

  /** No rotation in progress. */
  public static HmacKeys of(Hmac current) {
    return new HmacKeys(current, Optional.empty(), Instant.MIN, Clock.systemUTC());
  }

  public static HmacKeys of(Secret current, Optional<Config.Rotation> rotation, Clock clock) {
    return new HmacKeys(new Hmac(current), rotation.map(r -> new Hmac(r.previous())),
        rotation.map(Config.Rotation::until).orElse(Instant.MIN), clock);
  }

  /** SESSION_HMAC_SECRET and its rotation. */
  public static HmacKeys session(Config.Secrets secrets, Clock clock) {
    return of(secrets.sessionHmac(), secrets.sessionHmacPrevious(), clock);
  }

  /** STEP_UP_HMAC_SECRET and its rotation. */
  public static HmacKeys stepUp(Config.Secrets secrets, Clock clock) {
    return of(secrets.stepUpHmac(), secrets.stepUpHmacPrevious(), clock);
  }

  /** SEAT_MANAGER_STAKER_KEY_HMAC_SECRET and its rotation. */
  public static HmacKeys stakerKeys(Config.Secrets secrets, Clock clock) {
    return of(secrets.stakerKeyHmac(), secrets.stakerKeyHmacPrevious(), clock);
  }

  /** The key everything new is hashed or signed with. */
  public Hmac current() {
    return current;
  }

  /** The current key, then the previous one while its grace lasts. */
  public List<Hmac> accepted() {
    if (previous.isPresent() && clock.instant().isBefore(previousUntil)) {
      return List.of(current, previous.get());
    }
    return List.of(current);
  }

  @Override
  public String toString() {
    return "HmacKeys[redacted]";
  }
}
