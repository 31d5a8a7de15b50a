package org.centurion.seatmanager.deposit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Parser and verifier against arbitrary bytes. Plain {@code mvn test} replays the corpus in
 * {@code DepositDataFuzzTestInputs/parseAndVerify}; {@code JAZZER_FUZZ=1} fuzzes for new inputs.
 */
class DepositDataFuzzTest {
  private static final DepositDataParser PARSER = new DepositDataParser(new ParserLimits(64 * 1024, 16));
  private static final DepositDataVerifier HOLESKY =
      new DepositDataVerifier(ForkVersion.parse("0x01017000"), true, new BatchVerifier(1));
  private static final SeatExpectation SEAT =
      SeatExpectation.vaultOnly(Hex.decode("f0179dec45a37423ead4fad5fcb136197872ead9"));

  // Replaying the corpus needs none of Jazzer's bug-detector hooks, whose set-up costs most of this
  // class's run time (about 100 s against 5 s here); real fuzzing (JAZZER_FUZZ=1) keeps them. Jazzer
  // configures its agent once per JVM, so in a shared surefire JVM the first fuzz test to run decides.
  @org.junit.jupiter.api.BeforeAll
  static void replayWithoutHooks() {
    if (System.getenv("JAZZER_FUZZ") == null) {
      System.setProperty("jazzer.hooks", "false");
    }
  }

  @org.junit.jupiter.api.AfterAll
  static void restoreHookSetting() {
    System.clearProperty("jazzer.hooks");
  }

  @FuzzTest(maxDuration = "2m")
  void parseAndVerify(byte[] input) {
    ParseResult parsed = PARSER.parse(input);
    assertThat(parsed.ok()).isEqualTo(parsed.failures().isEmpty());
    for (DepositFailure f : parsed.failures()) {
      assertThat(f.code()).isNotNull();
      assertThat(f.entryIndex()).isGreaterThanOrEqualTo(DepositFailure.FILE_LEVEL);
    }
    if (!parsed.failures().isEmpty()) {
      assertThat(parsed.failures().stream().anyMatch(f -> f.entryIndex() == DepositFailure.FILE_LEVEL))
          .as("a file-level failure leaves no entries")
          .isEqualTo(parsed.entries().isEmpty() && parsed.failures().stream().allMatch(f -> f.entryIndex() == DepositFailure.FILE_LEVEL));
    }

    // Well-formed entries survive a round trip through the deposit-cli format unchanged.
    for (ParseResult.IndexedEntry e : parsed.entries()) {
      byte[] again = ("[" + e.entry().toDepositCliJson() + "]").getBytes(StandardCharsets.UTF_8);
      ParseResult reparsed = PARSER.parse(again);
      assertThat(reparsed.failures()).isEmpty();
      assertThat(reparsed.entries().get(0).entry()).isEqualTo(e.entry());
    }

    VerificationReport report = HOLESKY.verify(parsed, SEAT);
    assertThat(report.failures()).allSatisfy(f -> assertThat(f.code()).isNotNull());
    if (!parsed.ok()) {
      assertThat(report.passed()).isFalse();
    }
    // A pass must mean what it says: check each signature again on its own, outside the batch.
    if (report.passed()) {
      for (ParseResult.IndexedEntry e : parsed.entries()) {
        DepositDataEntry d = e.entry();
        byte[] root = DepositSsz.depositSigningRoot(d.pubkey(), d.withdrawalCredentials(), d.amountGwei(), HOLESKY.genesisForkVersion());
        assertThat(Bls.verify(d.pubkey(), root, d.signature())).isTrue();
        assertThat(d.amountGwei()).isEqualTo(DepositDataVerifier.SEAT_AMOUNT_GWEI);
      }
    }
    List<EntryVerification> entries = report.entries();
    assertThat(entries).isSortedAccordingTo(java.util.Comparator.comparingInt(EntryVerification::index));
  }
}
