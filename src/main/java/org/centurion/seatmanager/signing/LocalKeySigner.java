package org.centurion.seatmanager.signing;

import java.math.BigInteger;
import java.util.Arrays;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.RawTransaction;

/**
 * Holds the treasury key in this process's memory. Only for the isolated signer process or a
 * loopback-only development setup (runbook §1): prefer {@link KmsSigner}.
 */
public final class LocalKeySigner implements TreasurySigner {
  private final ECKeyPair keyPair;
  private final String address;

  private LocalKeySigner(ECKeyPair keyPair) {
    this.keyPair = keyPair;
    this.address = Secp256k1.address(keyPair.getPublicKey());
  }

  /**
   * Reads a 32-byte private key written as 64 hex digits, with or without {@code 0x}. The array is
   * not kept; the caller should wipe it. Errors never echo any part of it.
   */
  public static LocalKeySigner fromHex(char[] hex) {
    if (hex == null) {
      throw new SigningException(SigningErrorCode.INVALID_KEY, "private key is missing");
    }
    int start = hex.length >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X') ? 2 : 0;
    int end = hex.length;
    while (end > start && Character.isWhitespace(hex[end - 1])) {
      end--; // a trailing newline from a key file is not part of the key
    }
    if (end - start != 64) {
      throw new SigningException(SigningErrorCode.INVALID_KEY, "private key must be 64 hex digits");
    }
    byte[] bytes = new byte[32];
    try {
      for (int i = 0; i < 32; i++) {
        int hi = Character.digit(hex[start + 2 * i], 16);
        int lo = Character.digit(hex[start + 2 * i + 1], 16);
        if (hi < 0 || lo < 0) {
          throw new SigningException(SigningErrorCode.INVALID_KEY, "private key must be 64 hex digits");
        }
        bytes[i] = (byte) ((hi << 4) | lo);
      }
      return fromBytes(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** A 32-byte big-endian private key; the array is not kept. */
  public static LocalKeySigner fromBytes(byte[] key) {
    if (key == null || key.length != 32) {
      throw new SigningException(SigningErrorCode.INVALID_KEY, "private key must be 32 bytes");
    }
    BigInteger d = new BigInteger(1, key);
    if (d.signum() == 0 || d.compareTo(Secp256k1.N) >= 0) {
      throw new SigningException(SigningErrorCode.INVALID_KEY, "private key is outside [1, n-1]");
    }
    return new LocalKeySigner(ECKeyPair.create(d));
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public SignedTransaction sign(RawTransaction transaction, long chainId) {
    // ECKeyPair.sign uses deterministic RFC 6979 nonces; low s and v are settled by the shared path.
    return Eip1559Signing.sign(transaction, chainId, keyPair.getPublicKey(), keyPair::sign);
  }

  @Override
  public String mode() {
    return "local";
  }

  @Override
  public String toString() {
    return "LocalKeySigner[address=" + address + ", key=<redacted>]";
  }
}
