package org.centurion.seatmanager.deposit;

/**
 * The key-derivation function of an EIP-2335 keystore and its cost parameters.
 *
 * <p>Decryption accepts only parameters inside sane bounds, so that a crafted keystore cannot make the
 * process allocate gigabytes or spin for hours.
 */
public sealed interface KeystoreKdf {
  int DKLEN = 32;

  /** scrypt, the deposit CLI's default: n = 2^18, r = 8, p = 1 (about 256 MiB and a second per use). */
  record Scrypt(int n, int r, int p) implements KeystoreKdf {
    public static final Scrypt DEPOSIT_CLI = new Scrypt(1 << 18, 8, 1);
    static final long MAX_MEMORY = 512L * 1024 * 1024;

    public Scrypt {
      if (n < 2 || Integer.bitCount(n) != 1 || r < 1 || r > 32 || p < 1 || p > 16) {
        throw new IllegalArgumentException("scrypt needs n a power of two >= 2, 1 <= r <= 32, 1 <= p <= 16");
      }
      if (128L * r * n > MAX_MEMORY) {
        throw new IllegalArgumentException("scrypt parameters need more than 512 MiB");
      }
    }
  }

  /** PBKDF2-HMAC-SHA256, the EIP-2335 alternative: c = 2^18. */
  record Pbkdf2(int c) implements KeystoreKdf {
    public static final Pbkdf2 DEPOSIT_CLI = new Pbkdf2(1 << 18);

    public Pbkdf2 {
      if (c < 1 || c > (1 << 24)) {
        throw new IllegalArgumentException("pbkdf2 needs 1 <= c <= 2^24");
      }
    }
  }
}
