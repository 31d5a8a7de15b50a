package org.centurion.seatmanager.signing;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.transaction.type.Transaction1559;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The isolated signer's wire format: one length-prefixed JSON frame each way per connection.
 *
 * <pre>
 * request  {"timestamp": ms, "nonce": hex16, "body": "&lt;json&gt;", "mac": hex}
 *          mac = HMAC-SHA256(secret, "seat-manager-signer/v1 request\n" + timestamp + "\n" + nonce + "\n" + body)
 * response {"body": "&lt;json&gt;", "mac": hex}
 *          mac = HMAC-SHA256(secret, "seat-manager-signer/v1 response\n" + nonce + "\n" + body)
 * </pre>
 *
 * The body stays a string so both sides MAC exactly the bytes that were sent. Without a shared
 * secret (Unix socket only) the mac fields are empty and the socket's file mode is the gate.
 */
public final class SignerProtocol {
  /** Public for the key process ({@code keys}), which reuses this framing under its own MAC domain. */
  public static final int MAX_FRAME = 64 * 1024;
  static final int MAX_DATA_BYTES = 24 * 1024;
  private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  static final JsonMapper JSON = JsonMapper.builder().build();

  private SignerProtocol() {}

  static String requestMacInput(long timestamp, String nonce, String body) {
    return HmacChannel.Domain.SIGNER.requestMacInput(timestamp, nonce, body);
  }

  static String responseMacInput(String nonce, String body) {
    return HmacChannel.Domain.SIGNER.responseMacInput(nonce, body);
  }

  public static void writeFrame(ByteChannel ch, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_FRAME) {
      throw new IOException("frame too large");
    }
    ByteBuffer buf = ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).flip();
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  public static String readFrame(ByteChannel ch) throws IOException {
    ByteBuffer len = readFully(ch, 4);
    int n = len.getInt();
    if (n <= 0 || n > MAX_FRAME) {
      throw new IOException("frame length " + n + " outside (0, " + MAX_FRAME + "]");
    }
    return StandardCharsets.UTF_8.decode(readFully(ch, n)).toString();
  }

  private static ByteBuffer readFully(ByteChannel ch, int n) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(n);
    while (buf.hasRemaining()) {
      if (ch.read(buf) < 0) {
        throw new EOFException("connection closed mid-frame");
      }
    }
    return buf.flip();
  }

  public static JsonNode parse(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || !node.isObject()) {
        throw bad("expected a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw bad("malformed JSON");
    }
  }

  static ObjectNode signBody(RawTransaction tx) {
    return signBody(tx, SigningJustification.NONE);
  }

  /** A sign body; the justification fields are present only when known. */
  static ObjectNode signBody(RawTransaction tx, SigningJustification why) {
    Transaction1559 t = (Transaction1559) tx.getTransaction();
    ObjectNode body = JSON.createObjectNode();
    body.put("op", "sign");
    body.put("chainId", t.getChainId());
    body.put("nonce", t.getNonce().toString());
    body.put("maxPriorityFeePerGas", t.getMaxPriorityFeePerGas().toString());
    body.put("maxFeePerGas", t.getMaxFeePerGas().toString());
    body.put("gasLimit", t.getGasLimit().toString());
    body.put("to", t.getTo());
    body.put("value", t.getValue().toString());
    body.put("data", "0x" + (t.getData() == null ? "" : org.web3j.utils.Numeric.cleanHexPrefix(t.getData())));
    why.pubkey().ifPresent(p -> body.put("justificationPubkey", "0x" + HexFormat.of().formatHex(p)));
    why.beneficiary().ifPresent(b -> body.put("justificationBeneficiary", b));
    return body;
  }

  /** The justification of a sign body; absent fields are absent, malformed ones are a bad request. */
  static SigningJustification justificationFrom(JsonNode body) {
    java.util.Optional<byte[]> pubkey = java.util.Optional.empty();
    java.util.Optional<String> beneficiary = java.util.Optional.empty();
    if (body.has("justificationPubkey")) {
      String p = text(body, "justificationPubkey");
      if (!p.matches("0x[0-9a-f]{96}")) {
        throw bad("justificationPubkey must be 48 bytes of 0x-prefixed lowercase hex");
      }
      pubkey = java.util.Optional.of(HexFormat.of().parseHex(p.substring(2)));
    }
    if (body.has("justificationBeneficiary")) {
      String b = text(body, "justificationBeneficiary");
      if (!b.matches("0x[0-9a-f]{40}")) {
        throw bad("justificationBeneficiary must be a 0x-prefixed lowercase 20-byte address");
      }
      beneficiary = java.util.Optional.of(b);
    }
    return new SigningJustification(pubkey, beneficiary);
  }

  /** Rebuilds the transaction from a sign body, rejecting anything not strictly well-formed. */
  static RawTransaction transactionFrom(JsonNode body) {
    JsonNode chainId = body.get("chainId");
    if (chainId == null || !chainId.isIntegralNumber() || !chainId.canConvertToLong() || chainId.longValue() <= 0) {
      throw bad("chainId must be a positive integer");
    }
    String to = text(body, "to");
    if (!to.startsWith("0x") || !WalletUtils.isValidAddress(to)) {
      throw bad("to must be a 0x-prefixed 20-byte address");
    }
    String data = text(body, "data");
    if (!data.matches("0x([0-9a-fA-F]{2})*") || (data.length() - 2) / 2 > MAX_DATA_BYTES) {
      throw bad("data must be 0x-prefixed hex bytes, at most " + MAX_DATA_BYTES + " bytes");
    }
    return RawTransaction.createTransaction(
        chainId.longValue(),
        uint(body, "nonce", UINT64_MAX),
        uint(body, "gasLimit", UINT64_MAX),
        to,
        uint(body, "value", UINT256_MAX),
        data,
        uint(body, "maxPriorityFeePerGas", UINT256_MAX),
        uint(body, "maxFeePerGas", UINT256_MAX));
  }

  public static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isString()) {
      throw bad(field + " must be a string");
    }
    return v.stringValue();
  }

  private static BigInteger uint(JsonNode node, String field, BigInteger max) {
    String s = text(node, field);
    if (!s.matches("0|[1-9][0-9]{0,77}")) {
      throw bad(field + " must be a decimal integer without sign or leading zeros");
    }
    BigInteger v = new BigInteger(s);
    if (v.compareTo(max) > 0) {
      throw bad(field + " is too large");
    }
    return v;
  }

  static byte[] hex(String s) {
    try {
      return HexFormat.of().parseHex(s);
    } catch (IllegalArgumentException e) {
      throw new SigningException(SigningErrorCode.UNAUTHENTICATED, "mac is not hex");
    }
  }

  static SigningException bad(String message) {
    return new SigningException(SigningErrorCode.BAD_REQUEST, message);
  }
}
