package org.centurion.seatmanager.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.centurion.seatmanager.problem.Problem;

/**
 * Keeps TOTP secrets out of the database in clear: AES-256-GCM under a key derived from
 * {@code STEP_UP_HMAC_SECRET}, with the user id as associated data so a sealed secret cannot be
 * moved to another user's row. Rotating that secret invalidates enrolments: step-up then fails
 * closed until an ADMIN resets the user's TOTP, which is the safe direction.
 */
final class TotpSecretBox {
  private static final int NONCE_BYTES = 12;
  private static final byte VERSION = 1;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  TotpSecretBox(Hmac stepUpHmac) {
    byte[] k = stepUpHmac.sign("totp-secret-key-v1", "aes-256-gcm");
    this.key = new SecretKeySpec(k, "AES");
    Arrays.fill(k, (byte) 0);
  }

  byte[] seal(long userId, byte[] secret) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      c.updateAAD(aad(userId));
      byte[] ct = c.doFinal(secret);
      return ByteBuffer.allocate(1 + NONCE_BYTES + ct.length).put(VERSION).put(nonce).put(ct).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  byte[] open(long userId, byte[] sealed) {
    if (sealed == null || sealed.length < 1 + NONCE_BYTES + 16 || sealed[0] != VERSION) {
      throw unreadable();
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 1, NONCE_BYTES));
      c.updateAAD(aad(userId));
      return c.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw unreadable();
    }
  }

  private static byte[] aad(long userId) {
    return ByteBuffer.allocate(8).putLong(userId).array();
  }

  private static Problem unreadable() {
    return Problem.forbidden("TOTP_UNREADABLE",
        "the TOTP enrolment cannot be read (the step-up secret was rotated?): ask an ADMIN to reset it");
  }
}
