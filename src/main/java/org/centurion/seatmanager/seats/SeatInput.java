package org.centurion.seatmanager.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Locale;
import org.centurion.seatmanager.deposit.Bls;
import org.centurion.seatmanager.problem.Problem;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/** Validation of what seat requests carry; every refusal is a 400 with a stable code. */
public final class SeatInput {
  private SeatInput() {}

  public static long seatId(String raw) {
    if (raw == null || !raw.matches("[1-9][0-9]{0,17}")) {
      throw Problem.notFound("no such seat");
    }
    return Long.parseLong(raw);
  }

  static String requiredText(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || !n.isString()) {
      throw Problem.badRequest("FIELD_REQUIRED", field + " is required and must be a string");
    }
    return n.asString();
  }

  /** For command routes that read no body field: only an empty body or {@code {}} is taken. */
  public static void noFields(JsonNode body) {
    onlyFields(body);
  }

  static void onlyFields(JsonNode body, String... allowed) {
    if (!body.isObject()) {
      throw Problem.badRequest(ErrorCodes.INVALID_JSON, "the body must be a JSON object");
    }
    java.util.Set<String> ok = java.util.Set.of(allowed);
    for (String name : body.propertyNames()) {
      if (!ok.contains(name)) {
        throw Problem.badRequest("UNKNOWN_FIELD", "unknown field " + (name.length() > 64 ? name.substring(0, 64) : name));
      }
    }
  }

  static String operatorId(String raw) {
    if (raw.isEmpty() || raw.length() > 128 || !raw.matches("[A-Za-z0-9._:@-]+")) {
      throw Problem.badRequest(ErrorCodes.INVALID_OPERATOR_ID, "operatorId must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ -");
    }
    return raw;
  }

  static String address(String raw, String field) {
    String a = raw.toLowerCase(Locale.ROOT);
    if (!a.matches("0x[0-9a-f]{40}")) {
      throw Problem.badRequest(ErrorCodes.INVALID_ADDRESS, field + " must be a 0x-prefixed 20-byte hex address");
    }
    if (a.equals("0x" + "0".repeat(40))) {
      throw Problem.badRequest(ErrorCodes.INVALID_ADDRESS, field + " must not be the zero address");
    }
    return a;
  }

  /** A 48-byte compressed BLS12-381 G1 point in the prime-order subgroup, not infinity. */
  static String pubkey(String raw) {
    String p = raw.toLowerCase(Locale.ROOT);
    if (!p.matches("0x[0-9a-f]{96}")) {
      throw Problem.badRequest(ErrorCodes.INVALID_PUBKEY, "pubkey must be 0x followed by 96 hex digits (48 bytes)");
    }
    if (Bls.publicKey(Numeric.hexStringToByteArray(p)).isEmpty()) {
      throw Problem.badRequest(ErrorCodes.INVALID_PUBKEY, "pubkey is not a valid BLS12-381 public key");
    }
    return p;
  }
}
