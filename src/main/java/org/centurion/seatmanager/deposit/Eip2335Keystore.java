package org.centurion.seatmanager.deposit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;
import supranational.blst.SecretKey;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * EIP-2335 keystores (version 4): a BLS secret key encrypted with AES-128-CTR under a key derived from a
 * password by scrypt or PBKDF2, with a SHA-256 checksum that tells a wrong password from a damaged file.
 */
public final class Eip2335Keystore {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int SECRET_LENGTH = 32;

  private Eip2335Keystore() {}

  /** Fixed randomness for a keystore; {@link #random} for real use, explicit values for test vectors. */
  public record Randomness(byte[] salt, byte[] iv, UUID uuid) {
    public Randomness {
      if (salt.length != 32 || iv.length != 16) {
        throw new IllegalArgumentException("a keystore uses a 32-byte salt and a 16-byte IV");
      }
      salt = salt.clone();
      iv = iv.clone();
    }

    public static Randomness random(SecureRandom random) {
      byte[] salt = new byte[32];
      byte[] iv = new byte[16];
      random.nextBytes(salt);
      random.nextBytes(iv);
      return new Randomness(salt, iv, UUID.randomUUID());
    }
  }

  /**
   * Encrypts a 32-byte secret key.
   *
   * @param pubkey the key's compressed public key, written in clear as EIP-2335 asks
   * @param path its EIP-2334 path, or empty
   */
  public static String encrypt(
      byte[] secret, String password, byte[] pubkey, String path, KeystoreKdf kdf, Randomness randomness, String description) {
    if (secret.length != SECRET_LENGTH) {
      throw new IllegalArgumentException("a BLS secret key is 32 bytes");
    }
    byte[] dk = deriveKey(password, kdf, randomness.salt());
    try {
      byte[] cipherText = aes128Ctr(Arrays.copyOfRange(dk, 0, 16), randomness.iv(), secret);
      byte[] checksum = checksum(dk, cipherText);
      ObjectNode root = JSON.createObjectNode();
      ObjectNode crypto = root.putObject("crypto");
      ObjectNode kdfNode = crypto.putObject("kdf");
      ObjectNode params;
      switch (kdf) {
        case KeystoreKdf.Scrypt s -> {
          kdfNode.put("function", "scrypt");
          params = kdfNode.putObject("params");
          params.put("dklen", KeystoreKdf.DKLEN);
          params.put("n", s.n());
          params.put("r", s.r());
          params.put("p", s.p());
        }
        case KeystoreKdf.Pbkdf2 p -> {
          kdfNode.put("function", "pbkdf2");
          params = kdfNode.putObject("params");
          params.put("dklen", KeystoreKdf.DKLEN);
          params.put("c", p.c());
          params.put("prf", "hmac-sha256");
        }
      }
      params.put("salt", Hex.encode(randomness.salt()));
      kdfNode.put("message", "");
      ObjectNode checksumNode = crypto.putObject("checksum");
      checksumNode.put("function", "sha256");
      checksumNode.putObject("params");
      checksumNode.put("message", Hex.encode(checksum));
      ObjectNode cipher = crypto.putObject("cipher");
      cipher.put("function", "aes-128-ctr");
      cipher.putObject("params").put("iv", Hex.encode(randomness.iv()));
      cipher.put("message", Hex.encode(cipherText));
      root.put("description", description);
      root.put("pubkey", Hex.encode(pubkey));
      root.put("path", path);
      root.put("uuid", randomness.uuid().toString());
      root.put("version", 4);
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } finally {
      Arrays.fill(dk, (byte) 0);
    }
  }

  /**
   * Decrypts a keystore and checks that the secret belongs to the public key the keystore names.
   *
   * @return the 32-byte secret key; the caller wipes it
   */
  public static byte[] decrypt(String keystoreJson, String password) throws ManagedKeyException {
    JsonNode root;
    try {
      root = JSON.readTree(keystoreJson);
    } catch (JacksonException e) {
      throw malformed("the keystore is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw malformed("the keystore is not a JSON object");
    }
    if (!root.path("version").isIntegralNumber() || root.path("version").longValue() != 4) {
      throw new ManagedKeyException(ManagedKeyException.Code.KEYSTORE_UNSUPPORTED, "only EIP-2335 version 4 keystores are supported");
    }
    JsonNode crypto = root.path("crypto");
    KeystoreKdf kdf = readKdf(crypto.path("kdf"));
    byte[] salt = hexField(crypto.path("kdf").path("params"), "salt", -1);
    requireFunction(crypto.path("checksum"), "sha256");
    requireFunction(crypto.path("cipher"), "aes-128-ctr");
    byte[] expectedChecksum = hexField(crypto.path("checksum"), "message", 32);
    byte[] iv = hexField(crypto.path("cipher").path("params"), "iv", 16);
    byte[] cipherText = hexField(crypto.path("cipher"), "message", SECRET_LENGTH);
    if (salt.length == 0 || salt.length > 256) {
      throw malformed("the kdf salt must be 1 to 256 bytes");
    }
    byte[] dk = deriveKey(password, kdf, salt);
    try {
      if (!MessageDigest.isEqual(checksum(dk, cipherText), expectedChecksum)) {
        throw new ManagedKeyException(ManagedKeyException.Code.KEYSTORE_WRONG_PASSWORD, "the password does not open this keystore");
      }
      byte[] secret = aes128Ctr(Arrays.copyOfRange(dk, 0, 16), iv, cipherText);
      checkPubkey(root, secret);
      return secret;
    } finally {
      Arrays.fill(dk, (byte) 0);
    }
  }

  /**
   * EIP-2335 password processing: NFKD, then drop the C0 and C1 control codes and DEL, then UTF-8.
   */
  static byte[] processPassword(String password) {
    String normalized = Normalizer.normalize(password, Normalizer.Form.NFKD);
    StringBuilder kept = new StringBuilder(normalized.length());
    normalized.codePoints()
        .filter(c -> !(c <= 0x1f || (c >= 0x7f && c <= 0x9f)))
        .forEach(kept::appendCodePoint);
    return kept.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void checkPubkey(JsonNode root, byte[] secret) throws ManagedKeyException {
    JsonNode pubkeyNode = root.path("pubkey");
    if (pubkeyNode.isMissingNode() || (pubkeyNode.isString() && pubkeyNode.stringValue().isEmpty())) {
      return;
    }
    byte[] pubkey = hexField(root, "pubkey", DepositDataEntry.PUBKEY_LENGTH);
    SecretKey sk = new SecretKey();
    sk.from_bendian(secret);
    try {
      if (!Arrays.equals(Bls.publicKeyOf(sk), pubkey)) {
        Arrays.fill(secret, (byte) 0);
        throw new ManagedKeyException(
            ManagedKeyException.Code.KEYSTORE_PUBKEY_MISMATCH, "the decrypted key does not belong to the keystore's pubkey");
      }
    } finally {
      Eip2333.wipe(sk);
    }
  }

  private static KeystoreKdf readKdf(JsonNode kdf) throws ManagedKeyException {
    JsonNode params = kdf.path("params");
    if (!kdf.path("function").isString()) {
      throw malformed("crypto.kdf.function is missing");
    }
    if (!params.path("dklen").isIntegralNumber() || params.path("dklen").longValue() != KeystoreKdf.DKLEN) {
      throw unsupported("only dklen 32 is supported");
    }
    try {
      return switch (kdf.path("function").stringValue()) {
        case "scrypt" -> {
          requireKeys(params, Set.of("dklen", "n", "r", "p", "salt"));
          yield new KeystoreKdf.Scrypt(intParam(params, "n"), intParam(params, "r"), intParam(params, "p"));
        }
        case "pbkdf2" -> {
          requireKeys(params, Set.of("dklen", "c", "prf", "salt"));
          if (!"hmac-sha256".equals(params.path("prf").stringValue(""))) {
            throw unsupported("only the hmac-sha256 PRF is supported");
          }
          yield new KeystoreKdf.Pbkdf2(intParam(params, "c"));
        }
        default -> throw unsupported("the kdf must be scrypt or pbkdf2");
      };
    } catch (IllegalArgumentException outOfBounds) {
      throw unsupported("kdf parameters outside the accepted bounds: " + outOfBounds.getMessage());
    }
  }

  private static void requireKeys(JsonNode params, Set<String> keys) throws ManagedKeyException {
    if (!params.isObject() || !Set.copyOf(params.propertyNames()).equals(keys)) {
      throw malformed("kdf params must be exactly " + keys);
    }
  }

  private static int intParam(JsonNode params, String name) throws ManagedKeyException {
    JsonNode n = params.path(name);
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw malformed("kdf parameter " + name + " must be an integer");
    }
    return n.intValue();
  }

  private static void requireFunction(JsonNode module, String function) throws ManagedKeyException {
    if (!function.equals(module.path("function").stringValue(null))) {
      throw unsupported("expected " + function);
    }
  }

  private static byte[] hexField(JsonNode node, String name, int length) throws ManagedKeyException {
    JsonNode value = node.path(name);
    if (!value.isString() || !Hex.isHex(value.stringValue())) {
      throw malformed(name + " must be a hex string");
    }
    byte[] bytes = Hex.decode(value.stringValue());
    if (length >= 0 && bytes.length != length) {
      throw malformed(name + " must be " + length + " bytes");
    }
    return bytes;
  }

  private static byte[] deriveKey(String password, KeystoreKdf kdf, byte[] salt) {
    byte[] processed = processPassword(password);
    try {
      return switch (kdf) {
        case KeystoreKdf.Scrypt s -> SCrypt.generate(processed, salt, s.n(), s.r(), s.p(), KeystoreKdf.DKLEN);
        case KeystoreKdf.Pbkdf2 p -> {
          PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(new SHA256Digest());
          gen.init(processed, salt, p.c());
          yield ((KeyParameter) gen.generateDerivedParameters(KeystoreKdf.DKLEN * 8)).getKey();
        }
      };
    } finally {
      Arrays.fill(processed, (byte) 0);
    }
  }

  private static byte[] checksum(byte[] dk, byte[] cipherText) {
    MessageDigest sha = DepositSsz.sha256();
    sha.update(dk, 16, 16);
    sha.update(cipherText);
    return sha.digest();
  }

  private static byte[] aes128Ctr(byte[] key, byte[] iv, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-128-CTR is part of every JDK", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static ManagedKeyException malformed(String message) {
    return new ManagedKeyException(ManagedKeyException.Code.KEYSTORE_MALFORMED, message);
  }

  private static ManagedKeyException unsupported(String message) {
    return new ManagedKeyException(ManagedKeyException.Code.KEYSTORE_UNSUPPORTED, message);
  }
}
