package org.centurion.seatmanager.auth;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A software WebAuthn authenticator (ES256, "none" attestation) that answers the server's options as a
 * browser and a platform authenticator would, and can be told to lie: another origin, another RP id, a
 * signature counter that goes backwards. Real P-256 signatures over the bytes WebAuthn signs; the server's
 * verification (Yubico's library) is the production one.
 */
final class SoftPasskey {
  private static final Base64.Encoder B64U = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final KeyPair keys;
  private final byte[] credentialId = Tokens.randomBytes(32);
  private byte[] userHandle;
  long counter;

  SoftPasskey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      this.keys = g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The answer to {@code navigator.credentials.create({publicKey})}, as PublicKeyCredential JSON. */
  ObjectNode register(JsonNode publicKey, String origin, String rpId) {
    userHandle = B64D.decode(publicKey.path("user").path("id").asString());
    byte[] clientData = clientData("webauthn.create", publicKey.path("challenge").asString(), origin);
    ByteArrayOutputStream auth = new ByteArrayOutputStream();
    auth.writeBytes(sha256(rpId.getBytes(StandardCharsets.UTF_8)));
    auth.write(0x45); // user present, user verified, attested credential data
    auth.writeBytes(ByteBuffer.allocate(4).putInt((int) counter).array());
    auth.writeBytes(new byte[16]); // AAGUID
    auth.writeBytes(ByteBuffer.allocate(2).putShort((short) credentialId.length).array());
    auth.writeBytes(credentialId);
    auth.writeBytes(coseKey());
    Cbor att = new Cbor().map(3).text("fmt").text("none").text("attStmt").map(0).text("authData").bytes(auth.toByteArray());
    ObjectNode cred = credential();
    ObjectNode resp = cred.putObject("response");
    resp.put("clientDataJSON", B64U.encodeToString(clientData));
    resp.put("attestationObject", B64U.encodeToString(att.done()));
    resp.putArray("transports").add("internal");
    return cred;
  }

  /** The answer to {@code navigator.credentials.get({publicKey})}; the counter moves by {@code step}. */
  ObjectNode assert_(JsonNode publicKey, String origin, String rpId, long step) {
    counter += step;
    byte[] clientData = clientData("webauthn.get", publicKey.path("challenge").asString(), origin);
    byte[] authData = ByteBuffer.allocate(37).put(sha256(rpId.getBytes(StandardCharsets.UTF_8))).put((byte) 0x05)
        .putInt((int) counter).array();
    byte[] signature;
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(keys.getPrivate());
      s.update(authData);
      s.update(sha256(clientData));
      signature = s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    ObjectNode cred = credential();
    ObjectNode resp = cred.putObject("response");
    resp.put("clientDataJSON", B64U.encodeToString(clientData));
    resp.put("authenticatorData", B64U.encodeToString(authData));
    resp.put("signature", B64U.encodeToString(signature));
    resp.put("userHandle", B64U.encodeToString(userHandle));
    return cred;
  }

  private ObjectNode credential() {
    ObjectNode cred = SecurityFixture.JSON.createObjectNode();
    cred.put("type", "public-key");
    cred.put("id", B64U.encodeToString(credentialId));
    cred.put("rawId", B64U.encodeToString(credentialId));
    cred.putObject("clientExtensionResults");
    return cred;
  }

  private static byte[] clientData(String type, String challenge, String origin) {
    ObjectNode c = SecurityFixture.JSON.createObjectNode();
    c.put("type", type);
    c.put("challenge", challenge);
    c.put("origin", origin);
    c.put("crossOrigin", false);
    return SecurityFixture.JSON.writeValueAsString(c).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] coseKey() {
    ECPublicKey pub = (ECPublicKey) keys.getPublic();
    return new Cbor().map(5).integer(1).integer(2).integer(3).integer(-7).integer(-1).integer(1)
        .integer(-2).bytes(fixed32(pub.getW().getAffineX())).integer(-3).bytes(fixed32(pub.getW().getAffineY())).done();
  }

  private static byte[] fixed32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Just enough CBOR (RFC 8949) for an attestation object and a COSE key. */
  private static final class Cbor {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Cbor head(int major, long n) {
      if (n < 24) {
        out.write((major << 5) | (int) n);
      } else if (n < 256) {
        out.write((major << 5) | 24);
        out.write((int) n);
      } else {
        out.write((major << 5) | 25);
        out.write((int) (n >> 8));
        out.write((int) n & 0xff);
      }
      return this;
    }

    Cbor integer(long v) {
      return v >= 0 ? head(0, v) : head(1, -1 - v);
    }

    Cbor bytes(byte[] b) {
      head(2, b.length);
      out.writeBytes(b);
      return this;
    }

    Cbor text(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      head(3, b.length);
      out.writeBytes(b);
      return this;
    }

    Cbor map(int entries) {
      return head(5, entries);
    }

    byte[] done() {
      return out.toByteArray();
    }
  }
}
