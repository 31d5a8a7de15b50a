package org.centurion.seatmanager.dashboard;

import java.util.Optional;

/** The treasury signer as the dashboard shows it: how the key is held and its address (never the key). */
public record SignerInfo(String mode, Optional<String> address) {
  public static SignerInfo disabled() {
    return new SignerInfo("disabled", Optional.empty());
  }
}
