package org.centurion.seatmanager.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.centurion.seatmanager.config.Secret;
import org.centurion.seatmanager.problem.Problem;

/**
 * Keeps TOTP secrets out of the database in clear: AES-256-GCM with the user id as associated data,
 * so a sealed secret cannot be moved to another user's row.
 *
 * <p>The key is {@code SEAT_MANAGER_MFA_KEY}'s (format 2), a key of its own, so the runbook's rotation of
 * {@code STEP_UP_HMAC_SECRET} no longer locks enrolled users out (issue 13). Without that key (development
 * only) the key is derived from the step-up secret (format 1, as before). A format-1 secret, or one sealed
 * under {@code SEAT_MANAGER_MFA_KEY_PREVIOUS}, still opens and is reported {@link Opened#stale()}: the caller
 * seals it again under the current key, so both rotations complete as enrolled users step up.
 */
final class TotpSecretBox {
  static final String UNREADABLE = "TOTP_UNREADABLE";
  private static final int NONCE_BYTES = 12;
  private static final byte STEP_UP_DERIVED = 1;
  private static final byte MFA_KEY = 2;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec legacy;
  private final Optional<SecretKeySpec> current;
  private final Optional<SecretKeySpec> previous;

  /** Development without {@code SEAT_MANAGER_MFA_KEY}: the step-up-derived key only. */
  TotpSecretBox(Hmac stepUpHmac) {
    this(stepUpHmac, Optional.empty(), Optional.empty());
  }

  TotpSecretBox(Hmac stepUpHmac, Optional<Secret> mfaKey, Optional<Secret> previousMfaKey) {
    this.legacy = aes(stepUpHmac.sign("totp-secret-key-v1", "aes-256-gcm"));
    this.current = mfaKey.map(TotpSecretBox::fromMfaKey);
    this.previous = previousMfaKey.map(TotpSecretBox::fromMfaKey);
  }

  /** A secret opened, and whether it should be sealed again under the current key. */
  record Opened(byte[] secret, boolean stale) {
    @Override
    public String toString() {
      return "Opened[redacted, stale=" + stale + "]";
    }
  }

  private static SecretKeySpec fromMfaKey(Secret s) {
    return aes(new Hmac(s).sign("totp-secret-key-v2", "aes-256-gcm"));
  }

  private static SecretKeySpec aes(byte[] k) {
    SecretKeySpec spec = new SecretKeySpec(k, "AES");
    Arrays.fill(k, (byte) 0);
    return spec;
  }

  byte[] seal(long userId, byte[] secret) {
    byte version = current.isPresent() ? MFA_KEY : STEP_UP_DERIVED;
    SecretKeySpec key = current.orElse(legacy);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      c.updateAAD(aad(userId));
      byte[] ct = c.doFinal(secret);
      return ByteBuffer.allocate(1 + NONCE_BYTES + ct.length).put(version).put(nonce).put(ct).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  Opened open(long userId, byte[] sealed) {
    if (sealed == null || sealed.length < 1 + NONCE_BYTES + 16) {
      throw unreadable();
    }
    if (sealed[0] == STEP_UP_DERIVED) {
      return new Opened(decrypt(legacy, userId, sealed).orElseThrow(TotpSecretBox::unreadable), current.isPresent());
    }
    if (sealed[0] == MFA_KEY && current.isPresent()) {
      Optional<byte[]> now = decrypt(current.get(), userId, sealed);
      if (now.isPresent()) {
        return new Opened(now.get(), false);
      }
      if (previous.isPresent()) {
        return new Opened(decrypt(previous.get(), userId, sealed).orElseThrow(TotpSecretBox::unreadable), true);
      }
    }
    throw unreadable();
  }

  private static Optional<byte[]> decrypt(SecretKeySpec key, long userId, byte[] sealed) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 1, NONCE_BYTES));
      c.updateAAD(aad(userId));
      return Optional.of(c.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  private static byte[] aad(long userId) {
    return ByteBuffer.allocate(8).putLong(userId).array();
  }

  private static Problem unreadable() {
    return Problem.forbidden(UNREADABLE, "the TOTP enrolment cannot be read (SEAT_MANAGER_MFA_KEY changed without "
        + "SEAT_MANAGER_MFA_KEY_PREVIOUS?): use a recovery code, or ask an operator for 'users reset-mfa'");
  }
}
