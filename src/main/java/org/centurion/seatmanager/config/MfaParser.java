package org.centurion.seatmanager.config;

import static org.centurion.seatmanager.config.ConfigLoader.*;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Second factors (issue 13): the key that seals TOTP secrets, and the WebAuthn relying party.
 * One section of {@link ConfigLoader}: problems and warnings go to its {@link EnvReader}.
 *
 * <p>TOTP secrets are sealed under {@code SEAT_MANAGER_MFA_KEY}, a key of their own, so that rotating
 * {@code STEP_UP_HMAC_SECRET} (the runbook's rotation) no longer locks enrolled users out. Production
 * requires it; development falls back to a key derived from the step-up secret (as before).
 */
final class MfaParser {
  /** Development's relying party: browsers allow WebAuthn on http://localhost (any port). */
  static final String DEVELOPMENT_ORIGIN = "http://localhost";

  private MfaParser() {}

  static Config.Mfa mfa(EnvReader r, boolean production, Config.Secrets secrets) {
    Optional<Secret> key = Optional.empty();
    if (production || r.env.isSet(MFA_KEY)) {
      key = Optional.ofNullable(r.hexSecret(MFA_KEY));
    }
    Optional<Secret> previous = r.env.isSet(MFA_KEY_PREVIOUS) ? Optional.ofNullable(r.hexSecret(MFA_KEY_PREVIOUS))
        : Optional.empty();
    if (previous.isPresent() && key.isEmpty() && !production) {
      r.problems.add(MFA_KEY_PREVIOUS + " needs " + MFA_KEY + " (the key it is being rotated to)");
    }
    if (key.isPresent() && secrets.sessionHmac() != null && secrets.stepUpHmac() != null
        && (key.get().equals(secrets.sessionHmac()) || key.get().equals(secrets.stepUpHmac()))) {
      r.problems.add(MFA_KEY + " must differ from " + SESSION_HMAC_SECRET + " and " + STEP_UP_HMAC_SECRET
          + ": it outlives their rotation");
    }
    Optional<Config.WebAuthn> webAuthn = webAuthn(r, production);
    return new Config.Mfa(key, previous, production, webAuthn);
  }

  private static Optional<Config.WebAuthn> webAuthn(EnvReader r, boolean production) {
    Optional<String> origin = r.env.get(WEBAUTHN_ORIGIN);
    if (origin.isEmpty()) {
      if (r.env.isSet(WEBAUTHN_RP_ID)) {
        r.problems.add(WEBAUTHN_RP_ID + " needs " + WEBAUTHN_ORIGIN + " (the console's address, e.g. https://seats.example.org)");
        return Optional.empty();
      }
      if (production) {
        r.warnings.add(WEBAUTHN_ORIGIN + " is not set: passkeys are off; ADMINs step up with TOTP");
        return Optional.empty();
      }
      return Optional.of(new Config.WebAuthn("localhost", DEVELOPMENT_ORIGIN, true));
    }
    URI u;
    try {
      u = new URI(origin.get().strip());
    } catch (URISyntaxException e) {
      r.problems.add(WEBAUTHN_ORIGIN + " is not a URL (e.g. https://seats.example.org)");
      return Optional.empty();
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    boolean pathless = u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/");
    if (u.getHost() == null || !pathless || u.getRawQuery() != null || u.getRawUserInfo() != null
        || !(scheme.equals("https") || (scheme.equals("http") && !production))) {
      r.problems.add(WEBAUTHN_ORIGIN + " must be an origin, " + (production ? "https://" : "http(s)://")
          + "host[:port] with no path (the address browsers show for the console)");
      return Optional.empty();
    }
    String host = u.getHost().toLowerCase(Locale.ROOT);
    String canonical = scheme + "://" + host + (u.getPort() < 0 ? "" : ":" + u.getPort());
    String rpId = r.env.get(WEBAUTHN_RP_ID).map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse(host);
    // WebAuthn: the RP id is the origin's host or a registrable suffix of it
    if (!rpId.matches("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?") || !(host.equals(rpId) || host.endsWith("." + rpId))) {
      r.problems.add(WEBAUTHN_RP_ID + " must be the host of " + WEBAUTHN_ORIGIN + " or a parent domain of it");
      return Optional.empty();
    }
    return Optional.of(new Config.WebAuthn(rpId, canonical, false));
  }
}
