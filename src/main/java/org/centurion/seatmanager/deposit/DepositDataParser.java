package org.centurion.seatmanager.deposit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads exactly what the standard deposit CLI writes to {@code deposit_data-*.json}: an array of objects
 * with nine keys, hex with or without {@code 0x}, the amount as a JSON integer or a decimal string. Every
 * deviation gets its own {@link FailureCode}, and parsing carries on past a bad entry so that one report
 * lists everything.
 */
public final class DepositDataParser {
  static final String PUBKEY = "pubkey";
  static final String WC = "withdrawal_credentials";
  static final String AMOUNT = "amount";
  static final String SIGNATURE = "signature";
  static final String MESSAGE_ROOT = "deposit_message_root";
  static final String DATA_ROOT = "deposit_data_root";
  static final String FORK_VERSION = "fork_version";
  static final String NETWORK_NAME = "network_name";
  static final String CLI_VERSION = "deposit_cli_version";

  static final List<String> FIELDS =
      List.of(PUBKEY, WC, AMOUNT, SIGNATURE, MESSAGE_ROOT, DATA_ROOT, FORK_VERSION, NETWORK_NAME, CLI_VERSION);

  private static final Map<String, HexField> HEX_FIELDS =
      Map.of(
          PUBKEY, new HexField(DepositDataEntry.PUBKEY_LENGTH, FailureCode.PUBKEY_LENGTH),
          WC, new HexField(DepositDataEntry.WC_LENGTH, FailureCode.WC_LENGTH),
          SIGNATURE, new HexField(DepositDataEntry.SIGNATURE_LENGTH, FailureCode.SIGNATURE_LENGTH),
          MESSAGE_ROOT, new HexField(DepositDataEntry.ROOT_LENGTH, FailureCode.MESSAGE_ROOT_LENGTH),
          DATA_ROOT, new HexField(DepositDataEntry.ROOT_LENGTH, FailureCode.DATA_ROOT_LENGTH),
          FORK_VERSION, new HexField(ForkVersion.LENGTH, FailureCode.FORK_VERSION_LENGTH));

  private static final int MAX_TEXT = 64;
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final ParserLimits limits;
  private final JsonFactory json;

  public DepositDataParser(ParserLimits limits) {
    this.limits = limits;
    this.json =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(8)
                    .maxStringLength(limits.maxBytes())
                    .maxNumberLength(64)
                    .maxNameLength(256)
                    .maxDocumentLength(limits.maxBytes())
                    .build())
            .build();
  }

  public DepositDataParser() {
    this(ParserLimits.DEFAULT);
  }

  public ParseResult parse(byte[] file) {
    if (file.length > limits.maxBytes()) {
      return fileFailure(
          FailureCode.FILE_TOO_LARGE, "the file has " + file.length + " bytes, the limit is " + limits.maxBytes());
    }
    List<ParseResult.IndexedEntry> entries = new ArrayList<>();
    List<DepositFailure> failures = new ArrayList<>();
    try (JsonParser parser = json.createParser(ObjectReadContext.empty(), file)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return fileFailure(FailureCode.JSON_MALFORMED, "the file is empty");
      }
      if (first != JsonToken.START_ARRAY) {
        return fileFailure(FailureCode.NOT_AN_ARRAY, "the top level is " + describe(first));
      }
      int index = 0;
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          return fileFailure(FailureCode.JSON_MALFORMED, "the array is not closed");
        }
        if (index >= limits.maxEntries()) {
          return fileFailure(
              FailureCode.TOO_MANY_ENTRIES, "more than " + limits.maxEntries() + " deposit objects");
        }
        if (token != JsonToken.START_OBJECT) {
          failures.add(DepositFailure.entry(FailureCode.ENTRY_NOT_OBJECT, index, "", "found " + describe(token)));
          parser.skipChildren();
        } else {
          readEntry(parser, index, failures).ifPresent(e -> entries.add(e));
        }
        index++;
      }
      if (parser.nextToken() != null) {
        return fileFailure(FailureCode.TRAILING_CONTENT, "there is content after the closing ]");
      }
      if (index == 0) {
        return fileFailure(FailureCode.NO_ENTRIES, "the array is empty");
      }
    } catch (JacksonException e) {
      return fileFailure(FailureCode.JSON_MALFORMED, jsonProblem(e));
    }
    return new ParseResult(entries, failures);
  }

  private java.util.Optional<ParseResult.IndexedEntry> readEntry(
      JsonParser parser, int index, List<DepositFailure> failures) {
    int before = failures.size();
    Map<String, Object> values = new HashMap<>();
    Set<String> seen = new HashSet<>();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (!seen.add(name)) {
        failures.add(DepositFailure.entry(FailureCode.DUPLICATE_KEY, index, safeName(name), "key appears twice"));
        parser.skipChildren();
        continue;
      }
      if (!FIELDS.contains(name)) {
        failures.add(DepositFailure.entry(FailureCode.UNKNOWN_FIELD, index, safeName(name), "unexpected key"));
        parser.skipChildren();
        continue;
      }
      Object decoded = readValue(parser, value, name, index, failures);
      if (decoded != null) {
        values.put(name, decoded);
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw new IllegalStateException("the JSON parser ended an object with " + token);
    }
    for (String field : FIELDS) {
      if (!seen.contains(field)) {
        failures.add(DepositFailure.entry(FailureCode.MISSING_FIELD, index, field, "key is missing"));
      }
    }
    if (failures.size() != before) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new ParseResult.IndexedEntry(
            index,
            new DepositDataEntry(
                (byte[]) values.get(PUBKEY),
                (byte[]) values.get(WC),
                (Long) values.get(AMOUNT),
                (byte[]) values.get(SIGNATURE),
                (byte[]) values.get(MESSAGE_ROOT),
                (byte[]) values.get(DATA_ROOT),
                (byte[]) values.get(FORK_VERSION),
                (String) values.get(NETWORK_NAME),
                (String) values.get(CLI_VERSION))));
  }

  private Object readValue(
      JsonParser parser, JsonToken token, String name, int index, List<DepositFailure> failures) {
    if (name.equals(AMOUNT)) {
      return readAmount(parser, token, index, failures);
    }
    if (token != JsonToken.VALUE_STRING) {
      failures.add(DepositFailure.entry(FailureCode.FIELD_TYPE, index, name, "expected a string, found " + describe(token)));
      parser.skipChildren();
      return null;
    }
    String text = parser.getString();
    HexField hex = HEX_FIELDS.get(name);
    if (hex == null) {
      if (text.isEmpty() || text.length() > MAX_TEXT || !printableAscii(text)) {
        failures.add(DepositFailure.entry(FailureCode.TEXT_INVALID, index, name, "1 to 64 printable ASCII characters"));
        return null;
      }
      return text;
    }
    if (!Hex.isHex(text)) {
      failures.add(DepositFailure.entry(FailureCode.HEX_INVALID, index, name, "not strict hex"));
      return null;
    }
    if (Hex.byteLength(text) != hex.length()) {
      failures.add(
          DepositFailure.entry(
              hex.lengthCode(), index, name, Hex.byteLength(text) + " bytes, expected " + hex.length()));
      return null;
    }
    return Hex.decode(text, hex.length());
  }

  private static Long readAmount(JsonParser parser, JsonToken token, int index, List<DepositFailure> failures) {
    BigInteger value = null;
    if (token == JsonToken.VALUE_NUMBER_INT) {
      value = parser.getBigIntegerValue();
    } else if (token == JsonToken.VALUE_STRING) {
      String text = parser.getString();
      if (isCanonicalDecimal(text)) {
        value = new BigInteger(text);
      }
    } else {
      parser.skipChildren();
    }
    if (value == null || value.signum() < 0 || value.compareTo(UINT64_MAX) > 0) {
      failures.add(
          DepositFailure.entry(
              FailureCode.AMOUNT_INVALID, index, AMOUNT, "expected an unsigned 64-bit integer, found " + describe(token)));
      return null;
    }
    return value.longValue();
  }

  // Digits only, no sign, no leading zeros, at most 20 digits (2^64 - 1 has 20).
  private static boolean isCanonicalDecimal(String text) {
    if (text.isEmpty() || text.length() > 20 || (text.length() > 1 && text.charAt(0) == '0')) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean printableAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  // Keys come from the submitter: keep them short and printable before they reach a report or a log.
  private static String safeName(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length() && out.length() < 40; i++) {
      char c = name.charAt(i);
      out.append(c >= 0x20 && c <= 0x7e ? c : '?');
    }
    return out.toString();
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "end of input";
    }
    return switch (token) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a fractional number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  // Jackson's own messages quote the offending input; keep only the location.
  private static String jsonProblem(JacksonException e) {
    var location = e.getLocation();
    if (location == null) {
      return "malformed JSON";
    }
    return "malformed JSON near line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static ParseResult fileFailure(FailureCode code, String detail) {
    return new ParseResult(List.of(), List.of(DepositFailure.file(code, detail)));
  }

  private record HexField(int length, FailureCode lengthCode) {}
}
