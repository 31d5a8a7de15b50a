package org.centurion.seatmanager.deposit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DepositDataParserTest {
  private static final DepositDataParser PARSER = new DepositDataParser(new ParserLimits(64 * 1024, 8));
  private static final String GOOD = DepositCliFilesTest.holeskyEntry(0).toDepositCliJson();

  private static ParseResult parse(String json) {
    return PARSER.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String replace(String field, String newJsonValue) {
    String marker = "\"" + field + "\": ";
    int start = GOOD.indexOf(marker) + marker.length();
    int end = GOOD.indexOf(", \"", start);
    if (end < 0) {
      end = GOOD.length() - 1;
    }
    return GOOD.substring(0, start) + newJsonValue + GOOD.substring(end);
  }

  private static List<FailureCode> codes(ParseResult r) {
    return r.failures().stream().map(DepositFailure::code).toList();
  }

  @Test
  void theDepositCliFormatParses() {
    ParseResult r = parse("[" + GOOD + "]");
    assertThat(r.ok()).isTrue();
    assertThat(r.entries().get(0).entry()).isEqualTo(DepositCliFilesTest.holeskyEntry(0));
  }

  @Test
  void prefixedAndUppercaseHexAndStringAmountParseToTheSameEntry() {
    String json = GOOD;
    for (String f : List.of("pubkey", "withdrawal_credentials", "signature", "deposit_message_root", "deposit_data_root", "fork_version")) {
      String marker = "\"" + f + "\": \"";
      int start = json.indexOf(marker) + marker.length();
      int end = json.indexOf('"', start);
      json = json.substring(0, start) + "0x" + json.substring(start, end).toUpperCase() + json.substring(end);
    }
    json = json.replace("\"amount\": 32000000000", "\"amount\": \"32000000000\"");
    ParseResult r = parse("[" + json + "]");
    assertThat(r.failures()).isEmpty();
    assertThat(r.entries().get(0).entry()).isEqualTo(DepositCliFilesTest.holeskyEntry(0));
  }

  @ParameterizedTest(name = "{0} = {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "pubkey|\"zz\"|HEX_INVALID",
        "pubkey|\"0x\"|PUBKEY_LENGTH",
        "pubkey|\"00\"|PUBKEY_LENGTH",
        "pubkey|\"0X9005e23ad338d0eabb7c42d45e72455ab2bafb0c4517bbeba125462488fcbd3d846a7cdd13b89b6610f18c98b7b3f97f\"|HEX_INVALID",
        "pubkey|\" 9005e23ad338d0eabb7c42d45e72455ab2bafb0c4517bbeba125462488fcbd3d846a7cdd13b89b6610f18c98b7b3f97f\"|HEX_INVALID",
        "pubkey|\"9005e23ad338d0eabb7c42d45e72455ab2bafb0c4517bbeba125462488fcbd3d846a7cdd13b89b6610f18c98b7b3f97\"|HEX_INVALID",
        "pubkey|null|FIELD_TYPE",
        "pubkey|[]|FIELD_TYPE",
        "pubkey|{\"a\": 1}|FIELD_TYPE",
        "withdrawal_credentials|\"01\"|WC_LENGTH",
        "signature|\"abcd\"|SIGNATURE_LENGTH",
        "deposit_message_root|\"abcd\"|MESSAGE_ROOT_LENGTH",
        "deposit_data_root|\"abcd\"|DATA_ROOT_LENGTH",
        "fork_version|\"010170\"|FORK_VERSION_LENGTH",
        "fork_version|\"0101700000\"|FORK_VERSION_LENGTH",
        "fork_version|16842752|FIELD_TYPE",
        "amount|-32000000000|AMOUNT_INVALID",
        "amount|32000000000.0|AMOUNT_INVALID",
        "amount|3.2e10|AMOUNT_INVALID",
        "amount|18446744073709551616|AMOUNT_INVALID",
        "amount|\"032000000000\"|AMOUNT_INVALID",
        "amount|\"+32000000000\"|AMOUNT_INVALID",
        "amount|\"32 000 000 000\"|AMOUNT_INVALID",
        "amount|\"\"|AMOUNT_INVALID",
        "amount|true|AMOUNT_INVALID",
        "amount|null|AMOUNT_INVALID",
        "network_name|\"\"|TEXT_INVALID",
        "network_name|\"hole\\nsky\"|TEXT_INVALID",
        "network_name|\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"|TEXT_INVALID",
        "deposit_cli_version|2.7|FIELD_TYPE",
      })
  void looseValuesAreRejectedWithTheirCode(String field, String value, FailureCode code) {
    ParseResult r = parse("[" + replace(field, value) + "]");
    assertThat(codes(r)).containsExactly(code);
    assertThat(r.failures().get(0).entryIndex()).isZero();
    assertThat(r.failures().get(0).field()).isEqualTo(field);
    assertThat(r.entries()).isEmpty();
  }

  @Test
  void uint64MaxIsAnAmountTheParserAccepts() {
    ParseResult r = parse("[" + replace("amount", "18446744073709551615") + "]");
    assertThat(r.failures()).isEmpty();
    assertThat(r.entries().get(0).entry().amountGwei()).isEqualTo(-1L);
  }

  @Test
  void structureProblemsHaveTheirCodes() {
    assertThat(codes(parse(""))).containsExactly(FailureCode.JSON_MALFORMED);
    assertThat(codes(parse("{}"))).containsExactly(FailureCode.NOT_AN_ARRAY);
    assertThat(codes(parse("[]"))).containsExactly(FailureCode.NO_ENTRIES);
    assertThat(codes(parse("[" + GOOD))).containsExactly(FailureCode.JSON_MALFORMED);
    assertThat(codes(parse("[" + GOOD + ",]"))).containsExactly(FailureCode.JSON_MALFORMED);
    assertThat(codes(parse("[" + GOOD + "] []"))).containsExactly(FailureCode.TRAILING_CONTENT);
    assertThat(codes(parse("[" + GOOD + "] x"))).containsExactly(FailureCode.JSON_MALFORMED);
    assertThat(codes(parse("[1, \"a\", []]")))
        .containsExactly(FailureCode.ENTRY_NOT_OBJECT, FailureCode.ENTRY_NOT_OBJECT, FailureCode.ENTRY_NOT_OBJECT);
    assertThat(codes(parse("[" + "[".repeat(50) + "]".repeat(50) + "]"))).containsExactly(FailureCode.JSON_MALFORMED);
    assertThat(codes(parse("[" + GOOD.replace("\"pubkey\"", "'pubkey'") + "]"))).containsExactly(FailureCode.JSON_MALFORMED);
    assertThat(codes(parse("// comment\n[" + GOOD + "]"))).containsExactly(FailureCode.JSON_MALFORMED);
  }

  @Test
  void duplicateUnknownAndMissingKeysAreRejected() {
    String dup = GOOD.replace("{\"pubkey\"", "{\"amount\": 32000000000, \"pubkey\"");
    assertThat(codes(parse("[" + dup + "]"))).containsExactly(FailureCode.DUPLICATE_KEY);
    String unknown = GOOD.replace("{\"pubkey\"", "{\"eth2_network_name\": \"x\", \"pubkey\"");
    assertThat(codes(parse("[" + unknown + "]"))).containsExactly(FailureCode.UNKNOWN_FIELD);
    String missing = GOOD.replaceFirst(", \"network_name\": \"[^\"]*\"", "");
    ParseResult r = parse("[" + missing + "]");
    assertThat(codes(r)).containsExactly(FailureCode.MISSING_FIELD);
    assertThat(r.failures().get(0).field()).isEqualTo("network_name");
  }

  @Test
  void everyProblemOfEveryEntryIsReported() {
    String bad = replace("pubkey", "\"zz\"").replace("\"amount\": 32000000000", "\"amount\": -1");
    ParseResult r = parse("[" + GOOD + ", " + bad + ", " + GOOD + ", 7]");
    assertThat(r.failures())
        .extracting(DepositFailure::entryIndex, DepositFailure::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, FailureCode.HEX_INVALID),
            org.assertj.core.groups.Tuple.tuple(1, FailureCode.AMOUNT_INVALID),
            org.assertj.core.groups.Tuple.tuple(3, FailureCode.ENTRY_NOT_OBJECT));
    assertThat(r.entries()).extracting(ParseResult.IndexedEntry::index).containsExactly(0, 2);
  }

  @Test
  void limitsAreEnforced() {
    DepositDataParser small = new DepositDataParser(new ParserLimits(1000, 2));
    assertThat(codes(small.parse(new byte[1001]))).containsExactly(FailureCode.FILE_TOO_LARGE);
    DepositDataParser two = new DepositDataParser(new ParserLimits(64 * 1024, 2));
    assertThat(codes(two.parse(("[" + GOOD + "," + GOOD + "," + GOOD + "]").getBytes(StandardCharsets.UTF_8))))
        .containsExactly(FailureCode.TOO_MANY_ENTRIES);
  }

  @Test
  void failureDetailsNeverEchoSubmittedKeysVerbatim() {
    String evil = GOOD.replace("{\"pubkey\"", "{\"\\u0007secret-looking\\nkey-that-is-very-long-and-should-be-cut-off-somewhere\": 1, \"pubkey\"");
    DepositFailure f = parse("[" + evil + "]").failures().get(0);
    assertThat(f.code()).isEqualTo(FailureCode.UNKNOWN_FIELD);
    assertThat(f.field()).doesNotContain("\n").doesNotContain("\u0007").hasSizeLessThanOrEqualTo(40);
  }
}
