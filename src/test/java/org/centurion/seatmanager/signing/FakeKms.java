package org.centurion.seatmanager.signing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.web3j.crypto.Sign;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake AWS KMS on 127.0.0.1 speaking the KMS JSON 1.1 wire protocol for GetPublicKey and Sign.
 * It holds a real secp256k1 key, signs with random nonces like KMS does, and returns the high-s
 * twin of its signature about half the time, which real KMS also does.
 */
final class FakeKms implements AutoCloseable {
  private static final ECDomainParameters CURVE =
      new ECDomainParameters(
          Sign.CURVE_PARAMS.getCurve(), Sign.CURVE_PARAMS.getG(), Sign.CURVE_PARAMS.getN(), Sign.CURVE_PARAMS.getH());

  private final HttpServer server;
  private final JsonMapper json = JsonMapper.builder().build();
  private final SecureRandom random = new SecureRandom();
  private final String keyId;
  private final String keySpec;
  private final BigInteger privateKey;
  private final AtomicInteger signCalls = new AtomicInteger();
  private final AtomicInteger highSReturned = new AtomicInteger();

  FakeKms(String keyId, String keySpec) throws IOException {
    this(keyId, keySpec, randomKey());
  }

  /** A fake KMS holding a given key: for tests where that key must be the router's active signer. */
  FakeKms(String keyId, String keySpec, BigInteger privateKey) throws IOException {
    this.keyId = keyId;
    this.keySpec = keySpec;
    this.privateKey = privateKey;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    server.start();
  }

  private static BigInteger randomKey() {
    SecureRandom r = new SecureRandom();
    BigInteger d;
    do {
      d = new BigInteger(256, r);
    } while (d.signum() == 0 || d.compareTo(Secp256k1.N) >= 0);
    return d;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The address the key should sign for, computed independently of the code under test. */
  String expectedAddress() {
    return "0x" + org.web3j.crypto.Keys.getAddress(Sign.publicKeyFromPrivate(privateKey));
  }

  int signCalls() {
    return signCalls.get();
  }

  int highSReturned() {
    return highSReturned.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (!"POST".equals(ex.getRequestMethod()) || auth == null || !auth.startsWith("AWS4-HMAC-SHA256")) {
        error(ex, 400, "IncompleteSignatureException", "request is not SigV4-signed");
        return;
      }
      JsonNode body = json.readTree(ex.getRequestBody().readAllBytes());
      if (!keyId.equals(body.path("KeyId").asString())) {
        error(ex, 400, "NotFoundException", "Key '" + body.path("KeyId").asString() + "' does not exist");
        return;
      }
      switch (target == null ? "" : target) {
        case "TrentService.GetPublicKey" -> getPublicKey(ex);
        case "TrentService.Sign" -> sign(ex, body);
        default -> error(ex, 400, "UnknownOperationException", "unsupported target " + target);
      }
    } catch (RuntimeException e) {
      error(ex, 500, "KMSInternalException", e.toString());
    }
  }

  private void getPublicKey(HttpExchange ex) throws IOException {
    byte[] point = CURVE.getG().multiply(privateKey).normalize().getEncoded(false);
    byte[] spki;
    spki =
        new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256k1), point)
            .getEncoded(ASN1Encoding.DER);
    ObjectNode out = json.createObjectNode();
    out.put("KeyId", "arn:aws:kms:eu-central-1:111122223333:key/" + keyId);
    out.put("PublicKey", Base64.getEncoder().encodeToString(spki));
    out.put("KeySpec", keySpec);
    out.put("CustomerMasterKeySpec", keySpec);
    out.put("KeyUsage", "SIGN_VERIFY");
    out.putArray("SigningAlgorithms").add("ECDSA_SHA_256");
    reply(ex, 200, out);
  }

  private void sign(HttpExchange ex, JsonNode body) throws IOException {
    if (!"DIGEST".equals(body.path("MessageType").asString())) {
      // KMS would SHA-256 the message first: exactly the bug this project must not have.
      error(ex, 400, "ValidationException", "this fake only signs pre-hashed digests (MessageType DIGEST)");
      return;
    }
    if (!"ECDSA_SHA_256".equals(body.path("SigningAlgorithm").asString())) {
      error(ex, 400, "ValidationException", "unsupported signing algorithm");
      return;
    }
    byte[] digest = Base64.getDecoder().decode(body.path("Message").asString());
    if (digest.length != 32) {
      error(ex, 400, "ValidationException", "digest must be 32 bytes for ECDSA_SHA_256");
      return;
    }
    signCalls.incrementAndGet();
    ECDSASigner signer = new ECDSASigner();
    signer.init(true, new ParametersWithRandom(new ECPrivateKeyParameters(privateKey, CURVE), random));
    BigInteger[] rs = signer.generateSignature(digest);
    BigInteger s = rs[1].compareTo(Secp256k1.HALF_N) > 0 ? Secp256k1.N.subtract(rs[1]) : rs[1];
    if (random.nextBoolean()) {
      s = Secp256k1.N.subtract(s);
      highSReturned.incrementAndGet();
    }
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new ASN1Integer(rs[0]));
    v.add(new ASN1Integer(s));
    ObjectNode out = json.createObjectNode();
    out.put("KeyId", "arn:aws:kms:eu-central-1:111122223333:key/" + keyId);
    out.put("Signature", Base64.getEncoder().encodeToString(new DERSequence(v).getEncoded(ASN1Encoding.DER)));
    out.put("SigningAlgorithm", "ECDSA_SHA_256");
    reply(ex, 200, out);
  }

  private void error(HttpExchange ex, int status, String type, String message) throws IOException {
    ObjectNode out = json.createObjectNode();
    out.put("__type", type);
    out.put("message", message);
    reply(ex, status, out);
  }

  private void reply(HttpExchange ex, int status, ObjectNode body) throws IOException {
    byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    ex.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
