package org.centurion.seatmanager.deposit;

import supranational.blst.SecretKey;

/**
 * EIP-2333 BLS12-381 key derivation (blst implements the tree KDF; this class walks EIP-2334 paths with
 * it). The returned keys live in Java memory; callers wipe them with {@link #wipe} when done.
 */
public final class Eip2333 {
  private Eip2333() {}

  /** The master key of a seed of at least 32 bytes. */
  public static SecretKey master(byte[] seed) {
    if (seed.length < 32) {
      throw new IllegalArgumentException("EIP-2333 needs a seed of at least 32 bytes");
    }
    SecretKey master = new SecretKey();
    master.derive_master_eip2333(seed);
    return master;
  }

  public static SecretKey child(SecretKey parent, long index) {
    if (index < 0 || index > 0xffff_ffffL) {
      throw new IllegalArgumentException("a child index is between 0 and 2^32 - 1");
    }
    SecretKey child = new SecretKey();
    child.derive_child_eip2333(parent, index);
    return child;
  }

  /** The key at {@code path} below the master key of {@code seed}. */
  public static SecretKey derive(byte[] seed, ValidatorKeyPath path) {
    SecretKey key = master(seed);
    for (long index : path.indexes()) {
      SecretKey next = child(key, index);
      wipe(key);
      key = next;
    }
    return key;
  }

  /** Overwrites a secret key with zero. */
  public static void wipe(SecretKey key) {
    key.from_bendian(new byte[32]);
  }
}
