package org.centurion.seatmanager.deposit;

/**
 * A validator key made from the foundation mnemonic for one seat: what the seat needs, and nothing
 * secret in clear.
 *
 * @param keyIndex the EIP-2334 validator index (from a database sequence, never reused)
 * @param path {@code m/12381/3600/keyIndex/0/0}
 * @param depositData deposit data signed with the key for the seat's vault
 * @param keystoreJson the EIP-2335 keystore, encrypted under the keystore password
 */
public record ManagedValidatorKey(long keyIndex, String path, DepositDataEntry depositData, String keystoreJson) {
  public byte[] pubkey() {
    return depositData.pubkey();
  }

  @Override
  public String toString() {
    return "ManagedValidatorKey[index=" + keyIndex + ", path=" + path + ", pubkey=" + Hex.encodePrefixed(pubkey()) + "]";
  }
}
