package org.centurion.seatmanager.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.centurion.seatmanager.config.Config;

/**
 * The alerts a configuration deserves by itself: a static admin token configured (and near or
 * past its sunset), deposit-signature verification off, writes enabled with a key held in this
 * process. Messages name variables, never values.
 */
public final class ConfigAlerts {
  public static final String SOURCE = "config";

  private final Duration sunsetWarning;

  /** @param sunsetWarning how long before the static token's sunset the alert starts */
  public ConfigAlerts(Duration sunsetWarning) {
    if (sunsetWarning.isNegative()) {
      throw new IllegalArgumentException("sunset warning must not be negative");
    }
    this.sunsetWarning = sunsetWarning;
  }

  public List<AlertSignal> evaluate(Config config, Instant now) {
    List<AlertSignal> out = new ArrayList<>();
    Config.Security sec = config.security();
    if (sec.staticAdminToken().isPresent()) {
      out.add(AlertSignal.global(AlertKind.STATIC_ADMIN_TOKEN_CONFIGURED, Severity.WARNING, "",
          "SEAT_MANAGER_STATIC_ADMIN_TOKEN is configured: a bearer secret with ADMIN rights and no user behind it."
              + " Use sessions and remove it."));
      sec.staticAdminTokenSunset().ifPresent(sunset -> {
        if (!now.isBefore(sunset)) {
          out.add(AlertSignal.global(AlertKind.STATIC_ADMIN_TOKEN_NEAR_SUNSET, Severity.WARNING, "",
              "SEAT_MANAGER_STATIC_ADMIN_TOKEN is past its sunset (" + sunset + ") and is refused: remove it."));
        } else if (!now.plus(sunsetWarning).isBefore(sunset)) {
          out.add(AlertSignal.global(AlertKind.STATIC_ADMIN_TOKEN_NEAR_SUNSET, Severity.WARNING, "",
              "SEAT_MANAGER_STATIC_ADMIN_TOKEN stops working at " + sunset + ": move its users to sessions."));
        }
      });
    }
    if (!config.deposits().verifySignature()) {
      out.add(AlertSignal.global(AlertKind.SIGNATURE_VERIFICATION_OFF, Severity.CRITICAL, "",
          "SEAT_MANAGER_VERIFY_DEPOSIT_SIGNATURE=false: deposit data is accepted without its BLS signature check."));
    }
    Config.Writes w = config.writes();
    if (w.enabled() && w.signerMode() != Config.SignerMode.KMS && w.signerMode() != Config.SignerMode.REMOTE) {
      out.add(AlertSignal.global(AlertKind.WRITES_WITHOUT_KMS_OR_ISOLATED_SIGNER, Severity.CRITICAL, "",
          "Writes are enabled with signer mode " + w.signerMode()
              + ": the treasury key is in this process. Use SEAT_MANAGER_KMS_KEY_ID or the isolated signer."));
    }
    return List.copyOf(out);
  }
}
