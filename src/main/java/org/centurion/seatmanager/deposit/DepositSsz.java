package org.centurion.seatmanager.deposit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SSZ {@code hash_tree_root} for the four small containers a deposit needs, written out by hand: each is a
 * fixed-size container whose fields pack into at most four 32-byte chunks, so the Merkle tree is two
 * levels deep and spelling it out is clearer than a general SSZ library.
 */
public final class DepositSsz {
  /** {@code DOMAIN_DEPOSIT} from the consensus specs. */
  static final byte[] DOMAIN_DEPOSIT = {3, 0, 0, 0};

  private static final byte[] ZERO_CHUNK = new byte[32];

  private DepositSsz() {}

  /** {@code hash_tree_root(DepositMessage{pubkey, withdrawal_credentials, amount})}. */
  public static byte[] depositMessageRoot(byte[] pubkey, byte[] withdrawalCredentials, long amountGwei) {
    MessageDigest sha = sha256();
    byte[] left = hashPair(sha, pubkeyRoot(sha, pubkey), withdrawalCredentials);
    byte[] right = hashPair(sha, uint64Chunk(amountGwei), ZERO_CHUNK);
    return hashPair(sha, left, right);
  }

  /** {@code hash_tree_root(DepositData{pubkey, withdrawal_credentials, amount, signature})}. */
  public static byte[] depositDataRoot(
      byte[] pubkey, byte[] withdrawalCredentials, long amountGwei, byte[] signature) {
    MessageDigest sha = sha256();
    byte[] left = hashPair(sha, pubkeyRoot(sha, pubkey), withdrawalCredentials);
    byte[] right = hashPair(sha, uint64Chunk(amountGwei), signatureRoot(sha, signature));
    return hashPair(sha, left, right);
  }

  /**
   * {@code compute_domain(DOMAIN_DEPOSIT, fork_version, genesis_validators_root = 0)}: deposits are signed
   * with the genesis fork version and a zero validators root whatever fork the chain is in.
   */
  public static byte[] depositDomain(ForkVersion genesisForkVersion) {
    byte[] forkDataRoot = forkDataRoot(genesisForkVersion.bytes(), ZERO_CHUNK);
    byte[] domain = new byte[32];
    System.arraycopy(DOMAIN_DEPOSIT, 0, domain, 0, 4);
    System.arraycopy(forkDataRoot, 0, domain, 4, 28);
    return domain;
  }

  /** {@code hash_tree_root(ForkData{current_version, genesis_validators_root})}. */
  public static byte[] forkDataRoot(byte[] forkVersion, byte[] genesisValidatorsRoot) {
    if (forkVersion.length != 4 || genesisValidatorsRoot.length != 32) {
      throw new IllegalArgumentException("ForkData is a 4-byte version and a 32-byte root");
    }
    byte[] versionChunk = new byte[32];
    System.arraycopy(forkVersion, 0, versionChunk, 0, 4);
    return hashPair(sha256(), versionChunk, genesisValidatorsRoot);
  }

  /** {@code hash_tree_root(SigningData{object_root, domain})}. */
  public static byte[] signingRoot(byte[] objectRoot, byte[] domain) {
    if (objectRoot.length != 32 || domain.length != 32) {
      throw new IllegalArgumentException("SigningData is two 32-byte values");
    }
    return hashPair(sha256(), objectRoot, domain);
  }

  /** The message a deposit signature signs. */
  public static byte[] depositSigningRoot(
      byte[] pubkey, byte[] withdrawalCredentials, long amountGwei, ForkVersion genesisForkVersion) {
    return signingRoot(
        depositMessageRoot(pubkey, withdrawalCredentials, amountGwei), depositDomain(genesisForkVersion));
  }

  // Bytes48 spans two chunks: the first 32 bytes, then the last 16 padded with zeros.
  private static byte[] pubkeyRoot(MessageDigest sha, byte[] pubkey) {
    requireLength(pubkey, 48, "pubkey");
    sha.update(pubkey);
    sha.update(ZERO_CHUNK, 0, 16);
    return sha.digest();
  }

  // Bytes96 spans three chunks, padded to four leaves.
  private static byte[] signatureRoot(MessageDigest sha, byte[] signature) {
    requireLength(signature, 96, "signature");
    sha.update(signature, 0, 64);
    byte[] left = sha.digest();
    sha.update(signature, 64, 32);
    sha.update(ZERO_CHUNK);
    byte[] right = sha.digest();
    return hashPair(sha, left, right);
  }

  private static byte[] uint64Chunk(long value) {
    byte[] chunk = new byte[32];
    for (int i = 0; i < 8; i++) {
      chunk[i] = (byte) (value >>> (8 * i));
    }
    return chunk;
  }

  private static byte[] hashPair(MessageDigest sha, byte[] left, byte[] right) {
    requireLength(left, 32, "chunk");
    requireLength(right, 32, "chunk");
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  private static void requireLength(byte[] value, int length, String name) {
    if (value.length != length) {
      throw new IllegalArgumentException(name + " must be " + length + " bytes");
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
