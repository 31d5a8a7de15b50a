package org.centurion.seatmanager.signing;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * What a sign request carries besides the transaction so the policy can derive, on its own, the
 * vault a deposit or vault call must name: the validator pubkey and the vault's beneficiary. It
 * is a claim, not a permission: the policy recomputes the vault address from its own configured
 * factory and vault code, so a false justification names a vault that does not match and is refused.
 */
public record SigningJustification(Optional<byte[]> pubkey, Optional<String> beneficiary) {
  public static final SigningJustification NONE = new SigningJustification(Optional.empty(), Optional.empty());

  public SigningJustification {
    pubkey = pubkey.map(byte[]::clone);
    beneficiary = beneficiary.map(b -> b.toLowerCase(Locale.ROOT));
    if (beneficiary.isPresent() && !beneficiary.get().matches("0x[0-9a-f]{40}")) {
      throw new IllegalArgumentException("beneficiary must be a 0x-prefixed 20-byte address");
    }
  }

  public static SigningJustification of(byte[] pubkey, String beneficiary) {
    return new SigningJustification(Optional.of(pubkey), Optional.of(beneficiary));
  }

  public String describe() {
    return pubkey.map(p -> "pubkey=0x" + HexFormat.of().formatHex(p)).orElse("pubkey=-") + " beneficiary="
        + beneficiary.orElse("-");
  }

  @Override
  public String toString() {
    return "SigningJustification[" + describe() + "]";
  }
}
