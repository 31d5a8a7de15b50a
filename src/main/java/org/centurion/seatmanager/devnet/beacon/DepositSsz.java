package org.centurion.seatmanager.devnet.beacon;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * SSZ hash-tree roots of the deposit containers (DepositMessage, DepositData, ForkData,
 * SigningData) and the deposit signing domain, as the consensus specs define them.
 */
public final class DepositSsz {
  public static final byte[] DOMAIN_DEPOSIT = {0x03, 0x00, 0x00, 0x00};

  private DepositSsz() {}

  public static byte[] depositMessageRoot(byte[] pubkey, byte[] withdrawalCredentials, long amountGwei) {
    checkLengths(pubkey, withdrawalCredentials);
    return sha256(
        sha256(pubkeyRoot(pubkey), withdrawalCredentials),
        sha256(littleEndian64(amountGwei), new byte[24], new byte[32]));
  }

  public static byte[] depositDataRoot(
      byte[] pubkey, byte[] withdrawalCredentials, long amountGwei, byte[] signature) {
    checkLengths(pubkey, withdrawalCredentials);
    if (signature.length != 96) {
      throw new IllegalArgumentException("signature must be 96 bytes, got " + signature.length);
    }
    byte[] signatureRoot = sha256(
        sha256(Arrays.copyOfRange(signature, 0, 64)),
        sha256(Arrays.copyOfRange(signature, 64, 96), new byte[32]));
    return sha256(
        sha256(pubkeyRoot(pubkey), withdrawalCredentials),
        sha256(littleEndian64(amountGwei), new byte[24], signatureRoot));
  }

  /** compute_domain(DOMAIN_DEPOSIT, genesisForkVersion, zero genesis_validators_root). */
  public static byte[] depositDomain(byte[] genesisForkVersion) {
    if (genesisForkVersion.length != 4) {
      throw new IllegalArgumentException("fork version must be 4 bytes");
    }
    byte[] forkDataRoot = sha256(Arrays.copyOf(genesisForkVersion, 32), new byte[32]);
    byte[] domain = new byte[32];
    System.arraycopy(DOMAIN_DEPOSIT, 0, domain, 0, 4);
    System.arraycopy(forkDataRoot, 0, domain, 4, 28);
    return domain;
  }

  public static byte[] signingRoot(byte[] objectRoot, byte[] domain) {
    return sha256(objectRoot, domain);
  }

  public static byte[] littleEndian64(long value) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
  }

  private static byte[] pubkeyRoot(byte[] pubkey) {
    return sha256(pubkey, new byte[16]);
  }

  private static void checkLengths(byte[] pubkey, byte[] wc) {
    if (pubkey.length != 48) {
      throw new IllegalArgumentException("pubkey must be 48 bytes, got " + pubkey.length);
    }
    if (wc.length != 32) {
      throw new IllegalArgumentException("withdrawal credentials must be 32 bytes, got " + wc.length);
    }
  }

  static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
