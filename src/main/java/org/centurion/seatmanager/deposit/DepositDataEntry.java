package org.centurion.seatmanager.deposit;

import java.util.Arrays;
import java.util.Objects;

/**
 * One object of a deposit-cli {@code deposit_data-*.json} file, with every field decoded and its length
 * already checked by the parser. Nothing here is verified yet: see {@link DepositDataVerifier}.
 *
 * @param amountGwei an unsigned 64-bit value (use {@link Long#toUnsignedString})
 */
public record DepositDataEntry(
    byte[] pubkey,
    byte[] withdrawalCredentials,
    long amountGwei,
    byte[] signature,
    byte[] depositMessageRoot,
    byte[] depositDataRoot,
    byte[] forkVersion,
    String networkName,
    String depositCliVersion) {

  public static final int PUBKEY_LENGTH = 48;
  public static final int WC_LENGTH = 32;
  public static final int SIGNATURE_LENGTH = 96;
  public static final int ROOT_LENGTH = 32;

  public DepositDataEntry {
    pubkey = copyOfLength(pubkey, PUBKEY_LENGTH, "pubkey");
    withdrawalCredentials = copyOfLength(withdrawalCredentials, WC_LENGTH, "withdrawal_credentials");
    signature = copyOfLength(signature, SIGNATURE_LENGTH, "signature");
    depositMessageRoot = copyOfLength(depositMessageRoot, ROOT_LENGTH, "deposit_message_root");
    depositDataRoot = copyOfLength(depositDataRoot, ROOT_LENGTH, "deposit_data_root");
    forkVersion = copyOfLength(forkVersion, ForkVersion.LENGTH, "fork_version");
    Objects.requireNonNull(networkName, "network_name");
    Objects.requireNonNull(depositCliVersion, "deposit_cli_version");
  }

  private static byte[] copyOfLength(byte[] value, int length, String name) {
    Objects.requireNonNull(value, name);
    if (value.length != length) {
      throw new IllegalArgumentException(name + " must be " + length + " bytes");
    }
    return value.clone();
  }

  @Override
  public byte[] pubkey() {
    return pubkey.clone();
  }

  @Override
  public byte[] withdrawalCredentials() {
    return withdrawalCredentials.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public byte[] depositMessageRoot() {
    return depositMessageRoot.clone();
  }

  @Override
  public byte[] depositDataRoot() {
    return depositDataRoot.clone();
  }

  @Override
  public byte[] forkVersion() {
    return forkVersion.clone();
  }

  /** The entry as the deposit CLI writes it (lowercase hex without {@code 0x}, amount as a number). */
  public String toDepositCliJson() {
    return "{\"pubkey\": \"" + Hex.encode(pubkey)
        + "\", \"withdrawal_credentials\": \"" + Hex.encode(withdrawalCredentials)
        + "\", \"amount\": " + Long.toUnsignedString(amountGwei)
        + ", \"signature\": \"" + Hex.encode(signature)
        + "\", \"deposit_message_root\": \"" + Hex.encode(depositMessageRoot)
        + "\", \"deposit_data_root\": \"" + Hex.encode(depositDataRoot)
        + "\", \"fork_version\": \"" + Hex.encode(forkVersion)
        + "\", \"network_name\": \"" + networkName
        + "\", \"deposit_cli_version\": \"" + depositCliVersion + "\"}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DepositDataEntry e
        && Arrays.equals(pubkey, e.pubkey)
        && Arrays.equals(withdrawalCredentials, e.withdrawalCredentials)
        && amountGwei == e.amountGwei
        && Arrays.equals(signature, e.signature)
        && Arrays.equals(depositMessageRoot, e.depositMessageRoot)
        && Arrays.equals(depositDataRoot, e.depositDataRoot)
        && Arrays.equals(forkVersion, e.forkVersion)
        && networkName.equals(e.networkName)
        && depositCliVersion.equals(e.depositCliVersion);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(pubkey) * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "DepositDataEntry[pubkey=0x" + Hex.encode(pubkey)
        + ", withdrawal_credentials=0x" + Hex.encode(withdrawalCredentials)
        + ", amount=" + Long.toUnsignedString(amountGwei)
        + ", fork_version=0x" + Hex.encode(forkVersion) + "]";
  }
}
