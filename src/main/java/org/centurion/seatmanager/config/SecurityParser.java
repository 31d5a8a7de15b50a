package org.centurion.seatmanager.config;

import static org.centurion.seatmanager.config.ConfigLoader.*;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sessions, lockout, login limits, the static admin token and its sunset.
 * One section of {@link ConfigLoader}: problems and warnings go to its {@link EnvReader}.
 */
final class SecurityParser {
  private SecurityParser() {}

  static Config.Security security(EnvReader r, boolean production, boolean loopback) {
    Optional<Secret> token = staticAdminToken(r);
    Optional<Instant> sunset = sunset(r);
    if (production && token.isPresent()) {
      Instant latest = Instant.now().plus(MAX_STATIC_TOKEN_LIFETIME);
      if (sunset.isEmpty()) {
        r.problems.add(STATIC_ADMIN_TOKEN_SUNSET + " is required in production while a static admin token is set "
            + "(at most " + MAX_STATIC_TOKEN_LIFETIME.toDays() + " days ahead)");
      } else if (sunset.get().isAfter(latest)) {
        r.problems.add(STATIC_ADMIN_TOKEN_SUNSET + " may be at most " + MAX_STATIC_TOKEN_LIFETIME.toDays()
            + " days ahead in production (rotate the token and set a new sunset)");
      }
    }
    boolean secureCookies = r.bool(SECURE_COOKIES, production);
    if (production && !secureCookies) {
      r.problems.add(SECURE_COOKIES + "=false is refused in production: session cookies must be Secure (TLS)");
    }
    boolean requireStakerAuth = r.bool(REQUIRE_STAKER_AUTH, true);
    if (!requireStakerAuth && !loopback) {
      r.problems.add(REQUIRE_STAKER_AUTH + "=false is only allowed with a loopback --host (isolated local "
          + "development): remove it or listen on 127.0.0.1");
    }
    if (!requireStakerAuth) {
      r.warnings.add(REQUIRE_STAKER_AUTH + "=false: staker-facing reads are open without authentication");
    }
    // bounds that keep each setting meaningful (ASVS V3.3, V2.2.1): a 0 or a year-long session, or a
    // lockout threshold of 1000, would silently switch the control off
    Duration idle = Duration.ofMinutes(r.boundedInt(SESSION_IDLE_MINUTES, 30, 1, 60));
    Duration absolute = Duration.ofHours(r.boundedInt(SESSION_ABSOLUTE_HOURS, 12, 1, 24));
    int threshold = r.boundedInt(LOCKOUT_THRESHOLD, 5, 3, 10);
    Duration lockout = Duration.ofMinutes(r.boundedInt(LOCKOUT_MINUTES, 15, 1, 1440));
    int perIp = r.boundedInt(LOGIN_PER_IP_PER_MINUTE, 30, 1, 1000);
    int perUser = r.boundedInt(LOGIN_PER_USER_PER_MINUTE, 10, 1, 100);
    Duration temporary = Duration.ofHours(r.boundedInt(TEMPORARY_PASSWORD_HOURS, 24, 1, 168));
    return new Config.Security(token, sunset, secureCookies, requireStakerAuth, idle, absolute,
        threshold, lockout, perIp, perUser, temporary, production ? 20 : 16);
  }

  private static Optional<Secret> staticAdminToken(EnvReader r) {
    Optional<String> v = r.env.get(STATIC_ADMIN_TOKEN);
    String source = STATIC_ADMIN_TOKEN;
    if (v.isEmpty() && r.env.isSet(LEGACY_ADMIN_TOKEN)) {
      v = r.env.get(LEGACY_ADMIN_TOKEN);
      source = LEGACY_ADMIN_TOKEN;
      r.warnings.add(LEGACY_ADMIN_TOKEN + " is deprecated: rename it to " + STATIC_ADMIN_TOKEN);
    }
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String t = v.get();
    if (t.length() < 32 || t.chars().distinct().count() < 12 || SecretRules.isPublished(t)) {
      r.problems.add(source + " must be at least 32 characters of high entropy: generate one with "
          + "'openssl rand -hex 32', or unset it and use sessions");
      return Optional.empty();
    }
    r.warnings.add("a static admin token is configured: every use is audited; prefer sessions with step-up");
    return Optional.of(Secret.ofBytes(t.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static Optional<Instant> sunset(EnvReader r) {
    return r.instant(STATIC_ADMIN_TOKEN_SUNSET);
  }
}
