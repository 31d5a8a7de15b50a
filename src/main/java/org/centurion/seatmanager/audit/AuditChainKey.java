package org.centurion.seatmanager.audit;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.centurion.seatmanager.config.Secret;

/**
 * The key of the audit chain's HMAC ({@code SEAT_MANAGER_AUDIT_CHAIN_KEY}). It lives in the
 * processes' configuration, never in the database: whoever can write the database but does not hold
 * the key cannot forge a row that verifies.
 */
public final class AuditChainKey {
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;

  private AuditChainKey(byte[] bytes) {
    this.key = new SecretKeySpec(bytes, ALGORITHM);
  }

  public static AuditChainKey of(Secret secret) {
    byte[] b = secret.bytes();
    try {
      return new AuditChainKey(b);
    } finally {
      java.util.Arrays.fill(b, (byte) 0);
    }
  }

  byte[] mac(byte[] data) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(data);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "AuditChainKey[redacted]";
  }
}
