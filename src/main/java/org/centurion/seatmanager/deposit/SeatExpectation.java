package org.centurion.seatmanager.deposit;

import java.util.Optional;

/**
 * What a seat's deposit data must say. Both parts are optional so that an operator can check a file before
 * a seat exists ({@code deposit-data verify} without {@code --vault}); a route for a seat always passes
 * both.
 */
public final class SeatExpectation {
  public static final int ADDRESS_LENGTH = 20;

  private final byte[] pubkey;
  private final byte[] vaultAddress;

  private SeatExpectation(byte[] pubkey, byte[] vaultAddress) {
    if (pubkey != null && pubkey.length != DepositDataEntry.PUBKEY_LENGTH) {
      throw new IllegalArgumentException("a validator pubkey is 48 bytes");
    }
    if (vaultAddress != null && vaultAddress.length != ADDRESS_LENGTH) {
      throw new IllegalArgumentException("a vault address is 20 bytes");
    }
    this.pubkey = pubkey == null ? null : pubkey.clone();
    this.vaultAddress = vaultAddress == null ? null : vaultAddress.clone();
  }

  /** The seat's validator key and vault: every check applies. */
  public static SeatExpectation of(byte[] pubkey, byte[] vaultAddress) {
    if (pubkey == null || vaultAddress == null) {
      throw new IllegalArgumentException("a seat has both a pubkey and a vault");
    }
    return new SeatExpectation(pubkey, vaultAddress);
  }

  public static SeatExpectation vaultOnly(byte[] vaultAddress) {
    return new SeatExpectation(null, vaultAddress);
  }

  /** Neither key nor vault known: only the seat-independent checks apply. */
  public static SeatExpectation none() {
    return new SeatExpectation(null, null);
  }

  public Optional<byte[]> pubkey() {
    return Optional.ofNullable(pubkey).map(byte[]::clone);
  }

  public Optional<byte[]> vaultAddress() {
    return Optional.ofNullable(vaultAddress).map(byte[]::clone);
  }

  /** {@code 0x01 ‖ 11 zero bytes ‖ vault}: the only withdrawal credentials a Centurion seat accepts. */
  public static byte[] withdrawalCredentialsFor(byte[] vaultAddress) {
    if (vaultAddress.length != ADDRESS_LENGTH) {
      throw new IllegalArgumentException("a vault address is 20 bytes");
    }
    byte[] wc = new byte[DepositDataEntry.WC_LENGTH];
    wc[0] = 0x01;
    System.arraycopy(vaultAddress, 0, wc, 12, ADDRESS_LENGTH);
    return wc;
  }

  @Override
  public String toString() {
    return "SeatExpectation[pubkey="
        + (pubkey == null ? "any" : Hex.encodePrefixed(pubkey))
        + ", vault="
        + (vaultAddress == null ? "any" : Hex.encodePrefixed(vaultAddress))
        + "]";
  }
}
